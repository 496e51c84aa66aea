import { request } from './client';
import type {
  CompleteConsentBody,
  DriveFolder,
  FolderNamesBody,
  GoogleConnection,
  GoogleDisconnect,
  GoogleStatus,
  ListOf,
  MappingPreview,
  MappingPreviewBody,
  NamedFolder,
  Paged,
  SharedDrive,
  StartConsentBody,
  StartConsentView,
} from './types';

/** Google Drive routes: setup status, consent, connections (list, disconnect), the folder tree, saved folders' names and the mapping preview. */

const connection = (id: string): string => `/google/connections/${encodeURIComponent(id)}`;
const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export function getGoogleStatus(): Promise<GoogleStatus> {
  return request<GoogleStatus>('GET', '/google/status');
}

/** Where to send the browser for Google's consent; `connectionId` reconnects that grant. */
export function startGoogleConsent(connectionId?: string): Promise<StartConsentView> {
  const body: StartConsentBody = connectionId ? { connectionId } : {};
  return request('POST', '/google/oauth/start', { body });
}

export function completeGoogleConsent(input: CompleteConsentBody): Promise<GoogleConnection> {
  return request<GoogleConnection>('POST', '/google/oauth/complete', { body: input });
}

export async function listConnections(): Promise<readonly GoogleConnection[]> {
  return (await request<ListOf<GoogleConnection>>('GET', '/google/connections')).items;
}

/** Revokes the grant at Google and deletes VTrack's copy; the sources on it then need a reconnect. */
export function disconnectConnection(id: string): Promise<GoogleDisconnect> {
  return request<GoogleDisconnect>('DELETE', connection(id));
}

export function listSharedDrives(id: string, pageToken?: string): Promise<Paged<SharedDrive>> {
  return request('GET', `${connection(id)}/drives${query({ pageToken })}`);
}

export function listFolders(id: string, parentId: string, pageToken?: string): Promise<Paged<DriveFolder>> {
  return request('GET', `${connection(id)}/folders${query({ parentId, pageToken })}`);
}

export async function nameFolders(id: string, folderIds: string[], signal?: AbortSignal): Promise<readonly NamedFolder[]> {
  const named = await request<ListOf<NamedFolder>>('POST', `${connection(id)}/folder-names`, { body: { folderIds } satisfies FolderNamesBody, signal });
  return named.items;
}

export function previewMapping(
  id: string,
  input: MappingPreviewBody,
  signal?: AbortSignal,
): Promise<MappingPreview> {
  return request<MappingPreview>('POST', `${connection(id)}/preview`, { body: input, signal });
}
