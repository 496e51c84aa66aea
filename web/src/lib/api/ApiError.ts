import type { ErrorCode } from './types';

/** Anything a call to the API can fail with, already worded for a person. */
export type ApiErrorCode = ErrorCode | 'network' | 'bad_response';

/**
 * The one error the fetch wrapper throws. `message` is always safe to show:
 * it is either the API's own sentence (status < 500) or one of ours, never a
 * body, a status line or a stack.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The request field the API blames, e.g. `config.folderIds`. */
  readonly field: string | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    options: { field?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = status;
    this.code = code;
    this.field = options.field;
  }
}
