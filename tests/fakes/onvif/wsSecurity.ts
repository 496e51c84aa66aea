import { createHash } from 'node:crypto';
import { textOf } from './soapEnvelope';

export type WsSecurityVerdict = 'absent' | 'ok' | 'wrong_user_or_password' | 'stale';

/**
 * Checks a WS-Security UsernameToken with PasswordDigest as an ONVIF device
 * does: Base64(SHA-1(nonce + created + password)), and `Created` within
 * `toleranceMs` of the device's own clock (a camera whose clock was reset
 * rejects tokens made with a stale offset). The password is UTF-8 as the spec says.
 */
export function verifyUsernameToken(
  xml: string,
  expected: { username: string; password: string },
  deviceNowMs: number,
  toleranceMs: number,
): WsSecurityVerdict {
  if (!/<(?:[\w-]+:)?Security\b/.test(xml)) return 'absent';
  const username = textOf(xml, 'Username');
  const digest = textOf(xml, 'Password');
  const nonce = textOf(xml, 'Nonce');
  const created = textOf(xml, 'Created');
  if (username === null || digest === null || nonce === null || created === null) return 'wrong_user_or_password';
  const want = createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created, 'ascii'), Buffer.from(expected.password, 'utf8')]))
    .digest('base64');
  if (username !== expected.username || digest !== want) return 'wrong_user_or_password';
  const createdMs = Date.parse(created);
  if (!Number.isFinite(createdMs) || Math.abs(createdMs - deviceNowMs) > toleranceMs) return 'stale';
  return 'ok';
}
