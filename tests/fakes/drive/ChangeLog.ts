// The changes feed behind changes.getStartPageToken / changes.list.
// Every mutation appends an entry with an increasing sequence number; a page
// token is the sequence number to read from, as a string. Reads coalesce to the
// latest entry per file (Drive reports a file's current state once, not each
// edit), so a token older than the retention window can no longer be honoured.
import { DriveHttpError } from './DriveHttpError';

export interface ChangeEntry {
  seq: number;
  changeType: 'file' | 'drive';
  /** fileId for file changes, drive id for drive changes. */
  id: string;
  time: string;
  /** The shared drive the file was in when the change happened (kept for deleted files). */
  driveId: string | undefined;
}

export class ChangeLog {
  private entries: ChangeEntry[] = [];
  private nextSeq = 1;
  /** Tokens below this are expired (retention, or expireTokens()). */
  private floor = 1;

  constructor(private readonly retention: number = Number.POSITIVE_INFINITY) {}

  append(changeType: ChangeEntry['changeType'], id: string, time: string, driveId: string | undefined): void {
    this.entries.push({ seq: this.nextSeq++, changeType, id, time, driveId });
    if (this.entries.length > this.retention) {
      const dropped = this.entries.splice(0, this.entries.length - this.retention);
      const lastDropped = dropped[dropped.length - 1];
      if (lastDropped) this.floor = Math.max(this.floor, lastDropped.seq + 1);
    }
  }

  startPageToken(): string {
    return String(this.nextSeq);
  }

  /** Makes every token issued so far invalid, as when a cursor is too old to serve. */
  expireTokens(): void {
    this.entries = [];
    this.floor = this.nextSeq;
  }

  /**
   * Latest entry per id with seq >= token, in seq order. Throws Drive's 400
   * `invalid` on pageToken for a malformed, future or expired token.
   */
  readFrom(pageToken: string): ChangeEntry[] {
    if (!/^[1-9][0-9]*$/.test(pageToken)) throw DriveHttpError.invalidParameter('pageToken');
    const from = Number(pageToken);
    if (from > this.nextSeq || from < this.floor) throw DriveHttpError.invalidParameter('pageToken');
    const latest = new Map<string, ChangeEntry>();
    for (let i = this.indexOf(from); i < this.entries.length; i++) {
      const entry = this.entries[i] as ChangeEntry;
      const key = `${entry.changeType}:${entry.id}`;
      latest.delete(key);
      latest.set(key, entry);
    }
    return [...latest.values()];
  }

  private indexOf(seq: number): number {
    // Entries are contiguous from `floor`, so the index is arithmetic.
    const first = this.entries[0];
    return first ? Math.max(0, seq - first.seq) : 0;
  }
}
