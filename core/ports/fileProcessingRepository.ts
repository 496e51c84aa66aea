/**
 * What processing made of one stored footage file, per revision: `processed`
 * (its events are stored) or `unprocessable` (with the reason, in words). A file
 * whose record is missing or names another revision is still to be processed.
 */
export interface FileProcessingRecord {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly providerFileId: string;
  /** `revisionTagOf(file)`: the content this record is about. */
  readonly revisionTag: string;
  readonly state: 'processed' | 'unprocessable';
  readonly reason: string | null;
  /** Events found starting in this file. */
  readonly events: number;
  readonly runId: string | null;
  readonly at: string;
}

export interface FileProcessingRepository {
  /** Every record of a source (read once per processing plan). */
  listBySource(tenantId: string, sourceId: string): Promise<readonly FileProcessingRecord[]>;
  /** One file's record; null when it was never processed. */
  get(ref: { readonly tenantId: string; readonly sourceId: string; readonly providerFileId: string }): Promise<FileProcessingRecord | null>;
  /** The records of these files of one source, where there are any (a page of the source's file list). */
  getMany(tenantId: string, sourceId: string, providerFileIds: readonly string[]): Promise<readonly FileProcessingRecord[]>;
  put(record: FileProcessingRecord): Promise<void>;
  deleteBySource(tenantId: string, sourceId: string): Promise<number>;
}

/** The content a tracked file holds: a new revision or checksum means processing it again. */
export function revisionTagOf(file: { readonly revision: string | null; readonly md5: string | null }): string {
  return `${file.revision ?? ''}|${file.md5 ?? ''}`;
}
