import { PermanentError, TransientError } from '../../core/errors';
import type { ChangesPage, Page, ProviderAccount, ProviderEntry, SharedDrive } from '../../core/providers/providerEntry';
import type { StorageProvider } from '../../core/providers/storageProvider';

/**
 * The benchmark's provider: readRange is a ranged HTTP GET of `urlOf(fileId)`
 * with Node's fetch, as the Drive adapter's `files.get?alt=media` would be. The
 * listing methods are not used by a transfer.
 */
export class HttpRangeProvider implements StorageProvider {
  constructor(private readonly urlOf: (fileId: string) => string) {}

  async readRange(fileId: string, start: number, endInclusive: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const response = await fetch(this.urlOf(fileId), { headers: { range: `bytes=${start}-${endInclusive}` }, signal });
    if (response.status >= 500) throw new TransientError(`GET answered ${response.status}`);
    if (response.status !== 206 || response.body === null) throw new PermanentError(`GET answered ${response.status}, expected 206`);
    return response.body;
  }

  account(): Promise<ProviderAccount> {
    return Promise.reject(new Error('not used by the benchmark'));
  }
  sharedDrives(): Promise<Page<SharedDrive>> {
    return Promise.reject(new Error('not used by the benchmark'));
  }
  listChildren(): Promise<Page<ProviderEntry>> {
    return Promise.reject(new Error('not used by the benchmark'));
  }
  getEntry(): Promise<ProviderEntry> {
    return Promise.reject(new Error('not used by the benchmark'));
  }
  startCursor(): Promise<string> {
    return Promise.reject(new Error('not used by the benchmark'));
  }
  listChanges(): Promise<ChangesPage> {
    return Promise.reject(new Error('not used by the benchmark'));
  }
}
