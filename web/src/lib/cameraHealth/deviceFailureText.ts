import type { DeviceFailureCode } from '../../../../core/cameras/deviceFailure';
import { m } from '../../paraglide/messages.js';

/** One sentence per code core/cameras/deviceFailure.ts lists; a missing code fails the typecheck. */
const TEXT: Readonly<Record<DeviceFailureCode, () => string>> = {
  wrong_password: m.device_failure_wrong_password,
  unreachable: m.device_failure_unreachable,
  stream_not_found: m.device_failure_stream_not_found,
  stream_stalled: m.device_failure_stream_stalled,
  stream_ended: m.device_failure_stream_ended,
  not_supported: m.device_failure_not_supported,
  no_footage: m.device_failure_no_footage,
  camera_removed: m.device_failure_camera_removed,
  recorder_missing: m.device_failure_recorder_missing,
  device_error: m.device_failure_device_error,
};

/**
 * A device failure in the reader's language, from its code. Rows stored
 * before codes existed have none: they get the generic sentence, never the
 * device's English.
 */
export function deviceFailureText(code: DeviceFailureCode | null | undefined): string {
  return TEXT[code ?? 'device_error']();
}

/** The same, to follow a colon in a longer sentence ("No footage yet: the device…"). */
export function deviceFailureClause(code: DeviceFailureCode | null | undefined): string {
  const text = deviceFailureText(code);
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}
