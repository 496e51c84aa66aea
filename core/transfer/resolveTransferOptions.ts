import { ValidationError } from '../errors';
import type { ResolvedTransferOptions } from './transferContext';
import { transferDefaults, type TransferOptions } from './transferTypes';

const positiveInteger = (field: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) throw new ValidationError(field, `${field} must be a positive integer, got ${value}`);
  return value;
};

const nonNegativeInteger = (field: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 0) throw new ValidationError(field, `${field} must be a whole number of 0 or more, got ${value}`);
  return value;
};

export function resolveTransferOptions(options: TransferOptions): ResolvedTransferOptions {
  return {
    minPartSize: options.minPartSize,
    uploadConcurrency: positiveInteger('uploadConcurrency', options.uploadConcurrency ?? transferDefaults.uploadConcurrency),
    maxAttempts: positiveInteger('maxAttempts', options.maxAttempts ?? transferDefaults.maxAttempts),
    maxResumesPerCall: Math.max(0, options.maxResumesPerCall ?? transferDefaults.maxResumesPerCall),
    leaseMs: positiveInteger('leaseMs', options.leaseMs ?? transferDefaults.leaseMs),
    checkpointIntervalMs: nonNegativeInteger('checkpointIntervalMs', options.checkpointIntervalMs ?? transferDefaults.checkpointIntervalMs),
    deadlineMs: options.deadlineMs,
    retryFailed: options.retryFailed ?? false,
  };
}
