import { request, type Cached } from './client';
import type {
  CameraFrame,
  ListOf,
  NewSource,
  RetryFailedView,
  Run,
  Source,
  SourceDeletionStartedView,
  SourcePatch,
  SourceStatusView,
  SourceSummary,
  SyncRequestedView,
  TrackedFilesPage,
  TrackedFileStatus,
} from './types';

const base = '/sources';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

export async function listSources(signal?: AbortSignal): Promise<readonly Source[]> {
  const page = await request<ListOf<Source>>('GET', base, { signal });
  return page.items;
}

export function createSource(input: NewSource): Promise<Source> {
  return request<Source>('POST', base, { body: input });
}

export function getSource(id: string, signal?: AbortSignal): Promise<Source> {
  return request<Source>('GET', one(id), { signal });
}

/**
 * The source page's poll: small, and given the previous answer the server
 * says 304 when nothing changed, so that answer comes back at almost no cost.
 */
export async function getSourceStatus(id: string, previous: Polled<SourceStatusView> | null, signal?: AbortSignal): Promise<Polled<SourceStatusView>> {
  let etag: string | null = null;
  const cached: Cached<SourceStatusView> | null = previous?.etag ? { etag: previous.etag, value: previous.value } : null;
  const value = await request<SourceStatusView>('GET', `${one(id)}/status`, { signal, cached, onEtag: (tag) => (etag = tag) });
  return { etag, value };
}

/** An answer and the ETag it came with (null when the server sent none). */
export interface Polled<T> {
  readonly etag: string | null;
  readonly value: T;
}

export function updateSource(id: string, patch: SourcePatch): Promise<Source> {
  return request<Source>('PATCH', one(id), { body: patch });
}

/** `keepFootage` decides whether the stored video goes with the source; the rest runs in the background. */
export function deleteSource(id: string, keepFootage: boolean): Promise<SourceDeletionStartedView> {
  return request<SourceDeletionStartedView>('DELETE', `${one(id)}?keepFootage=${keepFootage}`);
}

export function requestSync(id: string): Promise<SyncRequestedView> {
  return request<SyncRequestedView>('POST', `${one(id)}/sync`);
}

/** Every failed file pending again, and a sync asked for; the answer says when they will be tried. */
export function retryFailedFiles(id: string): Promise<RetryFailedView> {
  return request<RetryFailedView>('POST', `${one(id)}/retry-failed`);
}

export async function listRuns(id: string, signal?: AbortSignal): Promise<readonly Run[]> {
  const page = await request<ListOf<Run>>('GET', `${one(id)}/runs`, { signal });
  return page.items;
}

export function getSourceSummary(id: string, signal?: AbortSignal): Promise<SourceSummary> {
  return request<SourceSummary>('GET', `${one(id)}/summary`, { signal });
}

export function listFiles(
  id: string,
  options: {
    status?: TrackedFileStatus | undefined;
    camera?: string | undefined;
    day?: string | undefined;
    hour?: string | undefined;
    zone?: string | undefined;
    q?: string | undefined;
    limit?: number;
    pageToken?: string | undefined;
    signal?: AbortSignal;
  } = {},
): Promise<TrackedFilesPage> {
  const search = new URLSearchParams();
  for (const key of ['status', 'camera', 'day', 'hour', 'zone', 'q'] as const) {
    const value = options[key];
    if (value) search.set(key, value);
  }
  search.set('limit', String(options.limit ?? 100));
  if (options.pageToken) search.set('pageToken', options.pageToken);
  return request<TrackedFilesPage>('GET', `${one(id)}/files?${search}`, { signal: options.signal });
}

/** The camera's newest stored footage, to draw a region of interest on one of its frames. */
export function cameraFrame(sourceId: string, cameraId: string): Promise<CameraFrame> {
  return request<CameraFrame>('GET', `/sources/${encodeURIComponent(sourceId)}/cameras/${encodeURIComponent(cameraId)}/frame`);
}
