import { PermanentError, TransientError, type ErrorContext } from '../errors';

/**
 * Processing failures, on top of the shared taxonomy so retry logic keeps working:
 * bad footage and a missing tool are permanent, a stalled decoder is transient.
 * `code` tells them apart where `name` (the taxonomy) cannot.
 */
export class InvalidMediaError extends PermanentError {
  readonly code = 'invalid_media';
  readonly file: string;

  constructor(file: string, message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(`${file}: ${message}`, { ...options, context: { file, ...options.context } });
    this.file = file;
  }
}

export class ToolNotFoundError extends PermanentError {
  readonly code = 'tool_not_found';
  readonly tool: string;

  constructor(tool: string, message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, { ...options, context: { tool, ...options.context } });
    this.tool = tool;
  }
}

export class MediaTimeoutError extends TransientError {
  readonly code = 'media_timeout';
  readonly file: string;

  constructor(file: string, message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(`${file}: ${message}`, { ...options, context: { file, ...options.context } });
    this.file = file;
  }
}
