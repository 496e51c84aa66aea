import type { Readable } from 'node:stream';
import type { drive_v3 } from 'googleapis';
import { TransientError } from '../../core/errors';
import { CursorInvalidError } from '../../core/providers/providerErrors';
import type { ChangesPage, Page, ProviderAccount, ProviderEntry, SharedDrive } from '../../core/providers/providerEntry';
import type { StorageProvider } from '../../core/providers/storageProvider';
import { translateDriveError } from './classifyDriveError';
import type { Pacer } from '../retry/pacer';
import { ENTRY_FIELDS, toProviderEntry } from './toProviderEntry';

const PAGE_SIZE = 1000;
/** googleapis retries 5xx on its own; the pacer is the one place that retries. */
const NO_LIBRARY_RETRY = { retry: false } as const;
const ALL_DRIVES = { supportsAllDrives: true, includeItemsFromAllDrives: true } as const;

/**
 * Google Drive v3 behind the StorageProvider port, every call through the
 * client's pacer. My Drive and shared drives alike; trashed items never listed.
 */
export class GoogleDriveProvider implements StorageProvider {
  constructor(
    private readonly drive: drive_v3.Drive,
    private readonly pacer: Pacer,
    /** Drops the cached access token so the next call gets a new one (after a 401). */
    private readonly renewAccess?: () => void,
  ) {}

  async account(): Promise<ProviderAccount> {
    const { data } = await this.run('about.get', () =>
      this.drive.about.get({ fields: 'user(emailAddress,displayName),storageQuota(limit,usage)' }, NO_LIBRARY_RETRY),
    );
    return {
      email: data.user?.emailAddress ?? '',
      displayName: data.user?.displayName ?? null,
      quota: {
        limitBytes: data.storageQuota?.limit ? Number(data.storageQuota.limit) : null,
        usageBytes: Number(data.storageQuota?.usage ?? 0),
      },
    };
  }

  async sharedDrives(pageToken?: string): Promise<Page<SharedDrive>> {
    const { data } = await this.run('drives.list', () =>
      this.drive.drives.list({ pageSize: 100, fields: 'nextPageToken,drives(id,name)', ...(pageToken ? { pageToken } : {}) }, NO_LIBRARY_RETRY),
    );
    return {
      items: (data.drives ?? []).map((d) => ({ id: d.id ?? '', name: d.name ?? '' })),
      nextPageToken: data.nextPageToken ?? null,
    };
  }

  async listChildren(folderId: string, pageToken?: string): Promise<Page<ProviderEntry>> {
    const { data } = await this.run('files.list', () =>
      this.drive.files.list(
        {
          q: `'${escapeQueryString(folderId)}' in parents and trashed = false`,
          fields: `nextPageToken,files(${ENTRY_FIELDS})`,
          pageSize: PAGE_SIZE,
          orderBy: 'folder,name',
          ...ALL_DRIVES,
          ...(pageToken ? { pageToken } : {}),
        },
        NO_LIBRARY_RETRY,
      ),
    );
    return { items: (data.files ?? []).map(toProviderEntry), nextPageToken: data.nextPageToken ?? null };
  }

  async getEntry(id: string): Promise<ProviderEntry> {
    const { data } = await this.run('files.get', () =>
      this.drive.files.get({ fileId: id, fields: ENTRY_FIELDS, supportsAllDrives: true }, NO_LIBRARY_RETRY),
    );
    return toProviderEntry(data);
  }

  async startCursor(): Promise<string> {
    const { data } = await this.run('changes.getStartPageToken', () =>
      this.drive.changes.getStartPageToken({ supportsAllDrives: true }, NO_LIBRARY_RETRY),
    );
    if (!data.startPageToken) throw new TransientError('Google Drive returned no start page token');
    return data.startPageToken;
  }

  async listChanges(cursor: string, pageToken?: string): Promise<ChangesPage> {
    const { data } = await this.runChanges(() =>
      this.drive.changes.list(
        {
          pageToken: pageToken ?? cursor,
          pageSize: PAGE_SIZE,
          includeRemoved: true,
          spaces: 'drive',
          fields: `nextPageToken,newStartPageToken,changes(fileId,removed,changeType,file(${ENTRY_FIELDS}))`,
          ...ALL_DRIVES,
        },
        NO_LIBRARY_RETRY,
      ),
    );
    return {
      changes: (data.changes ?? [])
        .filter((change) => change.changeType !== 'drive')
        .map((change) => ({
          fileId: change.fileId ?? change.file?.id ?? '',
          removed: change.removed === true,
          entry: change.file ? toProviderEntry(change.file) : null,
        })),
      nextPageToken: data.nextPageToken ?? null,
      newCursor: data.newStartPageToken ?? null,
    };
  }

  async readRange(fileId: string, start: number, endInclusive: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const response = await this.run('files.get.media', () =>
      this.drive.files.get(
        { fileId, alt: 'media', supportsAllDrives: true },
        { ...NO_LIBRARY_RETRY, responseType: 'stream', headers: { Range: `bytes=${start}-${endInclusive}` }, ...(signal ? { signal } : {}) },
      ),
    );
    const body = response.data as unknown as Readable;
    if (response.status !== 206 && start > 0) {
      body.destroy();
      throw new TransientError('Google Drive ignored the Range header', { context: { fileId, status: response.status } });
    }
    return body;
  }

  /** changes.list, where a 400 or 404 means Drive no longer knows the stored cursor. */
  private async runChanges<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.callRenewingOnce('changes.list', fn);
    } catch (error) {
      const status = (error as { response?: { status?: number }; status?: number }).response?.status ?? (error as { status?: number }).status;
      if (status === 400 || status === 404) throw new CursorInvalidError('Google Drive refused the saved changes cursor', { cause: error });
      throw translateDriveError(error, { operation: 'changes.list' });
    }
  }

  private async run<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.callRenewingOnce(operation, fn);
    } catch (error) {
      throw translateDriveError(error, { operation });
    }
  }

  /**
   * A 401 gets one new access token and one more try before it stands (and
   * translateDriveError calls the grant gone): the token may have been revoked
   * or rotated at Google before the client's clock says it expires.
   */
  private async callRenewingOnce<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.pacer.call(operation, fn);
    } catch (error) {
      const e = error as { response?: { status?: number }; status?: number };
      if (this.renewAccess === undefined || (e.response?.status ?? e.status) !== 401) throw error;
      this.renewAccess();
      return this.pacer.call(operation, fn);
    }
  }
}

/** Drive query strings are single-quoted; a quote or backslash in an id must be escaped. */
function escapeQueryString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
