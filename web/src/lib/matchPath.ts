/** What a page gets from its path, e.g. `{ id }` for `/sources/:id`. */
export type PageParams = Record<string, string>;

/** Matches `/sources/:id`-style patterns; `:name` takes one non-empty segment. */
export function matchPath(pattern: string, path: string): PageParams | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: PageParams = {};
  for (const [index, part] of want.entries()) {
    const segment = have[index] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return null;
      params[part.slice(1)] = decodeURIComponent(segment);
    } else if (part !== segment) return null;
  }
  return params;
}
