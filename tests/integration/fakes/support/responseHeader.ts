// googleapis types response headers as a Node header record, but gaxios 7
// hands back a fetch `Headers` at run time; read either.
export function responseHeader(response: { headers: unknown }, name: string): string | undefined {
  const { headers } = response;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
