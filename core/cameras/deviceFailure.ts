/**
 * Why a camera, its recorder or the agent's ffmpeg failed, as a code the web
 * words in the reader's language. Agents report these failures as free text
 * (ffmpeg's stderr, a device's answer, the agent's own sentence), and stored
 * heartbeats hold only that text, so the cloud sorts the text when it answers:
 * old rows get a code too, and words it does not know get `device_error`.
 * The text stays as `detail`, for the web to show as secondary "details" only.
 */
export const deviceFailureCodes = [
  'wrong_password',
  'unreachable',
  'stream_not_found',
  'stream_stalled',
  'stream_ended',
  'not_supported',
  'no_footage',
  'camera_removed',
  'recorder_missing',
  'device_error',
] as const;

export type DeviceFailureCode = (typeof deviceFailureCodes)[number];

export interface DeviceFailure {
  readonly code: DeviceFailureCode;
  /** The failure in the device's or ffmpeg's own (English) words. */
  readonly detail: string;
}

/**
 * First match wins: the agent's own sentences (adapters/onvif, edge-agent/cameras)
 * start with what happened, so they come before the words ffmpeg or the network use.
 */
const RULES: readonly (readonly [DeviceFailureCode, RegExp])[] = [
  ['wrong_password', /refused the user name or password|\b401\b|unauthori[sz]ed|authori[sz]ation failed|wrong password/i],
  ['unreachable', /nothing answered|connection refused|ECONNREFUSED|no route to host|EHOSTUNREACH|ENETUNREACH|host is unreachable|network is unreachable|timed out|ETIMEDOUT|could not resolve|name or service not known|ENOTFOUND/i],
  ['not_supported', /does not offer its recordings|no ONVIF Profile G|not an ONVIF camera/i],
  ['no_footage', /holds no footage/i],
  ['camera_removed', /camera was removed/i],
  ['stream_stalled', /stream stalled|no new segment/i],
  ['recorder_missing', /ffmpeg could not start/i],
  ['stream_not_found', /\b404\b|not found/i],
  ['stream_ended', /ffmpeg ended|end of file|\bEOF\b|invalid data found/i],
];

/** The code for a stored failure text and the text itself; null when there was no failure. */
export function deviceFailure(text: string | null | undefined): DeviceFailure | null {
  const detail = text?.trim() ?? '';
  if (detail === '') return null;
  const code = RULES.find(([, pattern]) => pattern.test(detail))?.[0] ?? 'device_error';
  return { code, detail };
}
