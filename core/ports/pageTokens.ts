/**
 * Page tokens as clients see them: opaque, authenticated by the server and
 * bound to what was asked (tenant, route, ids, filters), so a token cannot be
 * forged, altered, or replayed against another tenant's or another query's
 * listing. Underneath is whatever the store handed out (a DynamoDB key, a Drive
 * page token), which never reaches the store unless the token is genuine.
 */
export type PageTokenBinding = readonly string[];

export interface PageTokens {
  /** The client's token for the store's next-page token (null stays null: no more pages). */
  seal(inner: string | null, binding: PageTokenBinding): Promise<string | null>;
  /** The store's token back; throws ValidationError('pageToken') for anything not sealed here for this binding. */
  open(token: string | null | undefined, binding: PageTokenBinding): Promise<string | undefined>;
}
