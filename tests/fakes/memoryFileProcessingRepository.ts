import type { FileProcessingRecord, FileProcessingRepository } from '../../core/ports/fileProcessingRepository';

/** Processing records in memory, for unit tests of the processing use cases. */
export class MemoryFileProcessingRepository implements FileProcessingRepository {
  readonly records = new Map<string, FileProcessingRecord>();

  async listBySource(tenantId: string, sourceId: string): Promise<readonly FileProcessingRecord[]> {
    return [...this.records.values()].filter((r) => r.tenantId === tenantId && r.sourceId === sourceId);
  }

  async get(ref: { readonly tenantId: string; readonly sourceId: string; readonly providerFileId: string }): Promise<FileProcessingRecord | null> {
    return this.records.get(JSON.stringify([ref.tenantId, ref.sourceId, ref.providerFileId])) ?? null;
  }

  async getMany(tenantId: string, sourceId: string, providerFileIds: readonly string[]): Promise<readonly FileProcessingRecord[]> {
    return providerFileIds.flatMap((providerFileId) => this.records.get(JSON.stringify([tenantId, sourceId, providerFileId])) ?? []);
  }

  async put(record: FileProcessingRecord): Promise<void> {
    this.records.set(JSON.stringify([record.tenantId, record.sourceId, record.providerFileId]), record);
  }

  async deleteBySource(tenantId: string, sourceId: string): Promise<number> {
    const doomed = await this.listBySource(tenantId, sourceId);
    for (const r of doomed) this.records.delete(JSON.stringify([r.tenantId, r.sourceId, r.providerFileId]));
    return doomed.length;
  }
}
