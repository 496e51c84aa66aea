import { ConflictError, NotFoundError, TransientError } from '../../core/errors';

interface SdkErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: unknown;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
const THROTTLING = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'RequestTimeTooSkewed', 'InternalError', 'ServiceUnavailable']);

/**
 * Translates what the S3 client threw (after its own retries) into core's
 * taxonomy: a vanished upload is NotFoundError, a failed If-None-Match is
 * ConflictError, 5xx / throttling / dropped connections are TransientError.
 * Anything else (access denied, a bad request) is a bug or a misconfiguration
 * and stays as it is, so it surfaces rather than being retried.
 */
export function toObjectStoreError(error: unknown, context: { key: string; operation: string }): unknown {
  if (!(error instanceof Error)) return error;
  const shape = error as SdkErrorShape & Error;
  const status = shape.$metadata?.httpStatusCode;
  const options = { cause: error, context: { key: context.key, operation: context.operation, status: status ?? null } };
  if (shape.name === 'AbortError') return error;
  if (shape.name === 'NoSuchUpload') return new NotFoundError(`${context.operation}: the multipart upload no longer exists`, options);
  if (shape.name === 'PreconditionFailed' || status === 412) return new ConflictError(`${context.operation}: an object exists at the key`, options);
  if ((status !== undefined && status >= 500) || THROTTLING.has(shape.name) || NETWORK_CODES.has(shape.code ?? '')) {
    return new TransientError(`${context.operation} failed: ${shape.code ?? shape.name}`, options);
  }
  return error;
}
