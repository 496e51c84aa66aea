/**
 * Constants shared by the XML bodies the extensions return. s3rver renders any
 * plain-object `ctx.body` to XML (fast-xml-parser j2x, `@` for attributes).
 */
export const S3_XMLNS = { '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' } } as const;

/** s3rver's built-in account, which owns every object it stores. */
export const S3RVER_OWNER = { ID: '123456789000', DisplayName: 'S3rver' } as const;

export function quotedEtag(md5Hex: string): string {
  return `"${md5Hex}"`;
}

/** First value of a query parameter that may be repeated. */
export function queryValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
