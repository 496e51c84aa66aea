import { request } from './client';
import type {
  ListOf,
  NewSource,
  Paged,
  RetryFailedView,
  Run,
  Source,
  SourceDeletionStartedView,
  SourcePatch,
  SourceSummary,
  SyncRequestedView,
  TrackedFile,
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
  options: { status?: TrackedFileStatus | undefined; limit?: number; pageToken?: string | undefined; signal?: AbortSignal } = {},
): Promise<Paged<TrackedFile>> {
  const search = new URLSearchParams();
  if (options.status) search.set('status', options.status);
  search.set('limit', String(options.limit ?? 100));
  if (options.pageToken) search.set('pageToken', options.pageToken);
  return request<Paged<TrackedFile>>('GET', `${one(id)}/files?${search}`, { signal: options.signal });
}
