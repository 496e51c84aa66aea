/**
 * The keys of one of the API's wire types (core/api), listed once and checked
 * by the compiler both ways: a key the type lacks, or a key of the type left
 * out, fails the typecheck. Tests compare a real response's keys with it, so a
 * server that sends more or less than the contract says fails at run time.
 */
export function wireKeys<T>(keys: Readonly<Record<keyof T, true>>): string[] {
  return Object.keys(keys).sort();
}

/** A response body's keys, sorted, to compare with `wireKeys`. */
export function keysOf(body: object): string[] {
  return Object.keys(body).sort();
}
