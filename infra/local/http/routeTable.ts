/** One API Gateway route (`GET /api/sources/{sourceId}`) compiled for matching a request. */
export interface CompiledRoute<T> {
  readonly routeKey: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
  readonly target: T;
}

export interface RouteMatch<T> {
  readonly route: CompiledRoute<T>;
  readonly pathParameters: Record<string, string>;
}

export function compileRoute<T>(routeKey: string, target: T): CompiledRoute<T> {
  const [method, path] = routeKey.split(' ');
  if (method === undefined || path === undefined) throw new Error(`route key "${routeKey}" must be "METHOD /path"`);
  const parameterNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      if (parameter?.[1] === undefined) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1]);
      return '([^/]+)';
    })
    .join('/');
  return { routeKey, method, pattern: new RegExp(`^${source}$`), parameterNames, target };
}

/**
 * API Gateway picks the most specific route; literal routes are listed before
 * parameterised ones. A path whose parameter is not valid percent-encoding matches nothing.
 */
export function matchRoute<T>(routes: readonly CompiledRoute<T>[], method: string, path: string): RouteMatch<T> | null {
  const ordered = [...routes].sort((a, b) => a.parameterNames.length - b.parameterNames.length);
  for (const route of ordered) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match === null) continue;
    const pathParameters: Record<string, string> = {};
    for (const [index, name] of route.parameterNames.entries()) {
      const value = decodeOrNull(match[index + 1] ?? '');
      if (value === null) return null;
      pathParameters[name] = value;
    }
    return { route, pathParameters };
  }
  return null;
}

function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
