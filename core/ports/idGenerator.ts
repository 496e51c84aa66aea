/**
 * Ids are injected. Prefixes say what an id is (`src_`, `run_`, ...); run ids
 * begin with the time so they sort in start order inside a DynamoDB partition.
 */
export interface IdGenerator {
  newId(prefix: string): string;
  newTimeOrderedId(prefix: string, at: Date): string;
}
