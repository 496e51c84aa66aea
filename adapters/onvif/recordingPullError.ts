import { PermanentError } from '../../core/errors';

/**
 * Why recorded footage could not be pulled from an NVR or a camera's card:
 * - `wrong_password`: the device refused the user name or password;
 * - `unreachable`: nothing answered (the camera is not back yet, wrong address);
 * - `not_supported`: the device has no recordings service (no Profile G);
 * - `no_footage`: the device holds nothing for that camera and time;
 * - `device_error`: the device answered with something unusable.
 */
export type RecordingPullReason = 'wrong_password' | 'unreachable' | 'not_supported' | 'no_footage' | 'device_error';

export class RecordingPullError extends PermanentError {
  override readonly name = 'RecordingPullError';

  constructor(
    readonly reason: RecordingPullReason,
    readonly address: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${messageFor(reason, address)} (${detail})`, { ...options, context: { reason, address } });
  }
}

function messageFor(reason: RecordingPullReason, address: string): string {
  switch (reason) {
    case 'wrong_password':
      return `the recorder at ${address} refused the user name or password`;
    case 'unreachable':
      return `nothing answered at ${address}: check that the recorder is on and the address is right`;
    case 'not_supported':
      return `the device at ${address} does not offer its recordings (no ONVIF Profile G)`;
    case 'no_footage':
      return `the recorder at ${address} holds no footage for that camera and time`;
    case 'device_error':
      return `the recorder at ${address} reported an error`;
  }
}
