import type { TrackedFilePage, TrackedFileRepository } from '../ports/trackedFileRepository';
import type { TimeZone } from '../time/timeZone';
import { zonedTimeToUtc } from '../time/zonedTimeToUtc';
import type { TrackedFile, TrackedFileStatus } from './trackedFile';

export interface TrackedFileQuery {
  readonly status?: TrackedFileStatus;
  readonly camera?: string;
  /** A calendar day (yyyy-mm-dd) in `zone`; with `hour`, one hour of it. */
  readonly day?: string;
  readonly hour?: number;
  readonly zone: TimeZone;
  /** Part of the file's name or path, any case. */
  readonly q?: string;
  readonly limit: number;
  /** Files of the answer already handed out (the page token's content). */
  readonly offset: number;
}

export interface TrackedFileAnswer {
  readonly items: readonly TrackedFile[];
  /** Files matching the query (a lower bound when `truncated`). */
  readonly total: number;
  readonly nextOffset: number | null;
  /** The source has more files than one query reads. */
  readonly truncated: boolean;
}

const PAGE = 500;
const MAX_PAGES = 50;

/**
 * A source's files as the files list shows them: filtered by status, camera,
 * recording day or hour (in the viewer's zone) and name, newest recording
 * first (files whose time is unknown last). Reads the source's files (up to
 * 25,000) rather than keep an index per sort order; a page token is the
 * position in this order.
 */
export async function queryTrackedFiles(files: TrackedFileRepository, tenantId: string, sourceId: string, query: TrackedFileQuery): Promise<TrackedFileAnswer> {
  const window = recordingWindow(query);
  const needle = query.q === undefined || query.q.trim() === '' ? null : fold(query.q.trim());
  const matching: TrackedFile[] = [];
  let pageToken: string | null = null;
  let pages = 0;
  do {
    const page: TrackedFilePage =
      query.status === undefined
        ? await files.list(tenantId, sourceId, { limit: PAGE, pageToken })
        : await files.listByStatus(tenantId, sourceId, query.status, { limit: PAGE, pageToken });
    for (const row of page.items) {
      if (query.camera !== undefined && row.cameraId !== query.camera) continue;
      if (window !== null && !inWindow(row.recordingStartAt, window)) continue;
      if (needle !== null && !fold(row.relativePath).includes(needle)) continue;
      matching.push(row);
    }
    pageToken = page.nextPageToken;
    pages += 1;
  } while (pageToken !== null && pages < MAX_PAGES);
  matching.sort(byRecordingNewestFirst);
  const items = matching.slice(query.offset, query.offset + query.limit);
  const next = query.offset + items.length;
  return { items, total: matching.length, nextOffset: next < matching.length ? next : null, truncated: pageToken !== null };
}

function recordingWindow(query: TrackedFileQuery): { from: number; to: number } | null {
  if (query.day === undefined) return null;
  const [year = 0, month = 0, day = 0] = query.day.split('-').map(Number);
  const hour = query.hour ?? 0;
  const from = zonedTimeToUtc({ year, month, day, hour, minute: 0, second: 0 }, query.zone);
  const span = query.hour === undefined ? 24 : 1;
  const to = zonedTimeToUtc({ year, month, day, hour: hour + span, minute: 0, second: 0 }, query.zone);
  return { from, to };
}

function inWindow(iso: string | null, window: { from: number; to: number }): boolean {
  if (iso === null) return false;
  const at = Date.parse(iso);
  return at >= window.from && at < window.to;
}

/** Lower case without accents, so "cam" finds "Cám" and "quay" finds "Quầy". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function byRecordingNewestFirst(a: TrackedFile, b: TrackedFile): number {
  if (a.recordingStartAt !== b.recordingStartAt) {
    if (a.recordingStartAt === null) return 1;
    if (b.recordingStartAt === null) return -1;
    return a.recordingStartAt < b.recordingStartAt ? 1 : -1;
  }
  return a.relativePath.localeCompare(b.relativePath);
}
