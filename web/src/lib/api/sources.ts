import { request } from './client';
import type { ListOf, NewSource, Run, Source, SourcePatch } from './types';

const base = '/sources';
const one = (id: string): string => `${base}/${encodeURIComponent(id)}`;

export async function listSources(signal?: AbortSignal): Promise<Source[]> {
  const page = await request<ListOf<Source>>('GET', base, { signal });
  return page.items;
}

export function createSource(input: NewSource): Promise<Source> {
  return request<Source>('POST', base, { body: input });
}

export function getSource(id: string): Promise<Source> {
  return request<Source>('GET', one(id));
}

export function updateSource(id: string, patch: SourcePatch): Promise<Source> {
  return request<Source>('PATCH', one(id), { body: patch });
}

export function deleteSource(id: string): Promise<void> {
  return request<void>('DELETE', one(id));
}

export function requestSync(id: string): Promise<{ runRequested: true }> {
  return request<{ runRequested: true }>('POST', `${one(id)}/sync`);
}

export async function listRuns(id: string): Promise<Run[]> {
  const page = await request<ListOf<Run>>('GET', `${one(id)}/runs`);
  return page.items;
}
