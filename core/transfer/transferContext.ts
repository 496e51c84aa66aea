import type { TrackedFile } from '../sync/trackedFile';
import type { TransferDeps, TransferRequest } from './transferTypes';

/** Options with defaults applied. */
export interface ResolvedTransferOptions {
  readonly minPartSize: number | undefined;
  readonly uploadConcurrency: number;
  readonly maxAttempts: number;
  readonly maxResumesPerCall: number;
  readonly leaseMs: number;
  readonly checkpointIntervalMs: number;
  readonly deadlineMs: number | undefined;
  readonly retryFailed: boolean;
}

/** What one transferFile call works with once it holds the claim. */
export interface TransferContext {
  readonly deps: TransferDeps;
  readonly request: TransferRequest;
  /** The claimed row. */
  readonly file: TrackedFile;
  readonly size: number;
  readonly expectedMd5: string;
  readonly s3Key: string;
  readonly options: ResolvedTransferOptions;
}

export function nowIso(context: TransferContext): string {
  return context.deps.clock.now().toISOString();
}

export function leaseUntil(context: TransferContext): string {
  return new Date(context.deps.clock.now().getTime() + context.options.leaseMs).toISOString();
}
