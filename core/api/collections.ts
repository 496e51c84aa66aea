/** An ISO 8601 timestamp as the API sends it (`2026-07-18T09:30:00.000Z`). */
export type IsoDate = string;

/** A whole list in one answer: `{ items }`. */
export interface ListOf<T> {
  readonly items: readonly T[];
}

/** One page of a longer list; pass `nextPageToken` back as `pageToken` for the next, null at the end. */
export interface Paged<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string | null;
}
