// googleapis types response headers as a Node header record, but gaxios 7
// hands back node-fetch's `Headers` (not the global class) at run time; read either.
interface HeaderGetter {
  get(name: string): string | null;
}

export function responseHeader(response: { headers: unknown }, name: string): string | undefined {
  const { headers } = response;
  if (typeof (headers as Partial<HeaderGetter>).get === 'function') return (headers as HeaderGetter).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
