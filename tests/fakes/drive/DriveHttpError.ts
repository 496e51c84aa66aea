// Drive's JSON error envelope, thrown by handlers and rendered by the router.
// Shape as the Drive "Resolve errors" guide shows it, plus the `status` field
// Google's newer front end adds:
// {"error":{"code":403,"message":"...","errors":[{"domain":"usageLimits",
//   "reason":"userRateLimitExceeded","message":"..."}],"status":"PERMISSION_DENIED"}}

export interface DriveErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

export interface DriveErrorBody {
  error: { code: number; message: string; errors: DriveErrorItem[]; status?: string };
}

const CANONICAL_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  416: 'OUT_OF_RANGE',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export class DriveHttpError extends Error {
  override readonly name = 'DriveHttpError';
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly item: DriveErrorItem,
    headers: Record<string, string> = {},
  ) {
    super(item.message);
    this.headers = headers;
  }

  body(): DriveErrorBody {
    const status = CANONICAL_STATUS[this.status];
    return {
      error: {
        code: this.status,
        message: this.item.message,
        errors: [this.item],
        ...(status ? { status } : {}),
      },
    };
  }

  /** 400 `invalid` on a query parameter, e.g. a bad `q`, `pageToken` or `orderBy`. */
  static invalidParameter(location: string, message = 'Invalid Value'): DriveHttpError {
    return new DriveHttpError(400, { domain: 'global', reason: 'invalid', message, locationType: 'parameter', location });
  }

  static badRequest(message: string, location?: string): DriveHttpError {
    return new DriveHttpError(400, {
      domain: 'global',
      reason: 'badRequest',
      message,
      ...(location ? { locationType: 'parameter', location } : {}),
    });
  }

  static fileNotFound(fileId: string): DriveHttpError {
    return new DriveHttpError(404, {
      domain: 'global',
      reason: 'notFound',
      message: `File not found: ${fileId}.`,
      locationType: 'parameter',
      location: 'fileId',
    });
  }
}
