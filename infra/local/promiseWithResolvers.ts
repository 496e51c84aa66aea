/**
 * Promise.withResolvers arrived in Node 22. The ASL interpreter used in local
 * mode (aws-local-stepfunctions) calls it, and development machines may still
 * run Node 20, so this installs the standard behaviour when it is missing.
 * Lambda runs nodejs22.x, where this is a no-op.
 */
type Resolvers<T> = {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
};

export function installPromiseWithResolvers(): void {
  const ctor = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
  if (typeof ctor.withResolvers === 'function') return;
  ctor.withResolvers = function withResolvers<T>(): Resolvers<T> {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
