import type { MiddlewareObj } from '@middy/core';
import type { ErrorBody, ErrorCode } from '../../core/api/errorCodes';
import type { Logger } from '../../adapters/logging/logger';
import { json, type HttpEvent, type HttpResult } from './httpTypes';

const statusByName: Readonly<Record<string, { status: number; code: ErrorCode }>> = {
  ValidationError: { status: 400, code: 'validation_error' },
  UnauthorizedError: { status: 401, code: 'unauthorized' },
  ForbiddenError: { status: 403, code: 'forbidden' },
  NotFoundError: { status: 404, code: 'not_found' },
  ConflictError: { status: 409, code: 'conflict' },
  GoneError: { status: 410, code: 'gone' },
  TooManyRequestsError: { status: 429, code: 'rate_limited' },
  TransientError: { status: 503, code: 'unavailable' },
  NotConfiguredError: { status: 503, code: 'not_configured' },
  ReauthRequiredError: { status: 409, code: 'needs_reauth' },
};

/**
 * Maps the core error taxonomy to HTTP. A message reaches the client only for
 * errors the taxonomy marks as safe; anything else is logged whole and answered
 * with a plain 500 that leaks nothing.
 */
export function httpErrorHandler(logger: () => Logger): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      const known = error instanceof Error ? statusByName[error.name] : undefined;
      if (known === undefined) {
        logger().error({ err: error, routeKey: request.event.routeKey }, 'request failed');
        request.response = json(500, { error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } } satisfies ErrorBody);
        return;
      }
      const field = error instanceof Error && 'field' in error && typeof error.field === 'string' ? error.field : undefined;
      if (known.status === 503) logger().warn({ err: error, routeKey: request.event.routeKey }, 'dependency unavailable');
      const response = json(known.status, {
        error: { code: known.code, message: (error as Error).message, ...(field === undefined ? {} : { field }) },
      } satisfies ErrorBody);
      const retryAfter = error instanceof Error && 'retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : undefined;
      request.response = retryAfter === undefined ? response : { ...response, headers: { ...response.headers, 'retry-after': String(retryAfter) } };
    },
  };
}
