// Drive error reasons a fault can answer with: the domain and message Drive
// puts in the body, and the status it is usually sent with.

export interface FaultReasonInfo {
  domain: string;
  message: string;
  status: number;
}

export const FAULT_REASONS = {
  rateLimitExceeded: { domain: 'usageLimits', message: 'Rate Limit Exceeded', status: 403 },
  userRateLimitExceeded: { domain: 'usageLimits', message: 'User Rate Limit Exceeded', status: 403 },
  dailyLimitExceeded: { domain: 'usageLimits', message: 'Daily Limit Exceeded', status: 403 },
  downloadQuotaExceeded: {
    domain: 'usageLimits',
    message: 'The download quota for this file has been exceeded.',
    status: 403,
  },
  cannotDownloadAbusiveFile: {
    domain: 'global',
    message: 'This file has been identified as malware or spam and cannot be downloaded.',
    status: 403,
  },
  storageQuotaExceeded: {
    domain: 'usageLimits',
    message: "The user's Drive storage quota has been exceeded.",
    status: 403,
  },
  forbidden: { domain: 'global', message: 'Forbidden', status: 403 },
  notFound: { domain: 'global', message: 'File not found.', status: 404 },
  backendError: { domain: 'global', message: 'Backend Error', status: 500 },
  internalError: { domain: 'global', message: 'Internal Error', status: 500 },
  badGateway: { domain: 'global', message: 'Bad Gateway', status: 502 },
  serviceUnavailable: { domain: 'global', message: 'The service is currently unavailable.', status: 503 },
  authError: { domain: 'global', message: 'Invalid Credentials', status: 401 },
} satisfies Record<string, FaultReasonInfo>;

export type FaultReason = keyof typeof FAULT_REASONS;

/** The reason Drive typically pairs with a bare status. */
export function defaultReasonFor(status: number): FaultReason {
  if (status === 429) return 'rateLimitExceeded';
  if (status === 401) return 'authError';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 502) return 'badGateway';
  if (status === 503) return 'serviceUnavailable';
  return 'backendError';
}
