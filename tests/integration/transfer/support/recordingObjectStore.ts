import type {
  CompletedPartRef,
  CreateUploadOptions,
  ObjectHead,
  ObjectStore,
  PutObjectOptions,
  UploadPartOptions,
} from '../../../../core/ports/objectStore';

export type StoreCall =
  | { op: 'create'; key: string }
  | { op: 'uploadPart'; key: string; uploadId: string; partNumber: number; size: number }
  | { op: 'complete'; key: string; uploadId: string; parts: number }
  | { op: 'abort'; key: string; uploadId: string }
  | { op: 'put'; key: string; size: number }
  | { op: 'head'; key: string }
  | { op: 'listUploads'; key: string };

/**
 * Wraps an ObjectStore, recording every call, with an optional `before` hook
 * that may throw to make one call fail (a crash, a 5xx that outlived retries).
 */
export class RecordingObjectStore implements ObjectStore {
  readonly calls: StoreCall[] = [];

  constructor(
    private readonly inner: ObjectStore,
    private readonly before: (call: StoreCall) => void = () => undefined,
  ) {}

  partNumbers(): number[] {
    return this.calls.flatMap((call) => (call.op === 'uploadPart' ? [call.partNumber] : []));
  }

  count(op: StoreCall['op']): number {
    return this.calls.filter((call) => call.op === op).length;
  }

  createMultipartUpload(key: string, options?: CreateUploadOptions): Promise<{ uploadId: string }> {
    return this.run({ op: 'create', key }, () => this.inner.createMultipartUpload(key, options));
  }

  uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, options?: UploadPartOptions): Promise<{ etag: string }> {
    return this.run({ op: 'uploadPart', key, uploadId, partNumber, size: body.byteLength }, () =>
      this.inner.uploadPart(key, uploadId, partNumber, body, options),
    );
  }

  completeMultipartUpload(key: string, uploadId: string, parts: readonly CompletedPartRef[]): Promise<{ etag: string | null }> {
    return this.run({ op: 'complete', key, uploadId, parts: parts.length }, () => this.inner.completeMultipartUpload(key, uploadId, parts));
  }

  abortMultipartUpload(key: string, uploadId: string): Promise<void> {
    return this.run({ op: 'abort', key, uploadId }, () => this.inner.abortMultipartUpload(key, uploadId));
  }

  putObject(key: string, body: Uint8Array, options?: PutObjectOptions): Promise<{ etag: string | null }> {
    return this.run({ op: 'put', key, size: body.byteLength }, () => this.inner.putObject(key, body, options));
  }

  headObject(key: string): Promise<ObjectHead | null> {
    return this.run({ op: 'head', key }, () => this.inner.headObject(key));
  }

  listOpenUploads(key: string): Promise<string[]> {
    return this.run({ op: 'listUploads', key }, () => this.inner.listOpenUploads(key));
  }

  private async run<T>(call: StoreCall, act: () => Promise<T>): Promise<T> {
    this.calls.push(call);
    this.before(call);
    return act();
  }
}
