import { PermanentError } from '../../core/errors';

/**
 * Why a camera could not be used, in words a shop owner can act on:
 * - `wrong_password`: the device answered and refused the user name or password;
 * - `unreachable`: nothing answered at that address and port (off, unplugged, wrong address);
 * - `not_onvif`: something answered, but not an ONVIF device (a router, a web page, ONVIF turned off);
 * - `device_error`: an ONVIF device answered with a fault for something else.
 */
export type OnvifFailureReason = 'wrong_password' | 'unreachable' | 'not_onvif' | 'device_error';

export class OnvifDeviceError extends PermanentError {
  override readonly name = 'OnvifDeviceError';

  constructor(
    readonly reason: OnvifFailureReason,
    readonly address: string,
    /** What the device or the connection said, without this error's own sentence (for errors that wrap this one). */
    readonly detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${messageFor(reason, address)} (${detail})`, { ...options, context: { reason, address } });
  }
}

function messageFor(reason: OnvifFailureReason, address: string): string {
  switch (reason) {
    case 'wrong_password':
      return `the camera at ${address} refused the user name or password`;
    case 'unreachable':
      return `nothing answered at ${address}: check that the camera is on and the address is right`;
    case 'not_onvif':
      return `${address} answered but is not an ONVIF camera (or ONVIF is turned off in its settings)`;
    case 'device_error':
      return `the camera at ${address} reported an error`;
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** Sorts an error from the `onvif` package (or node's http) into a reason. */
export function classifyOnvifFailure(error: unknown): OnvifFailureReason {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return 'unreachable';
  const message = error instanceof Error ? error.message : String(error);
  if (/network timeout|socket hang up/i.test(message)) return 'unreachable';
  if (/not ?authori[sz]ed|digest authentication failed|unauthori[sz]ed|401/i.test(message)) return 'wrong_password';
  if (/wrong onvif soap response|non-whitespace|unexpected close tag|text data outside|unclosed root|invalid character|digest authentication headers not found/i.test(message)) return 'not_onvif';
  if (/soap fault/i.test(message)) return 'device_error';
  return 'not_onvif';
}

/** A fault saying the token's Created time was too far from the device clock, or a plain NotAuthorized: both worth one clock refresh. */
export function isAuthFailure(error: unknown): boolean {
  return classifyOnvifFailure(error) === 'wrong_password';
}
