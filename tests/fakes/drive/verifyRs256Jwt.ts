// Verifies an RS256 JWT (the service-account assertion gtoken signs) with
// node:crypto, returning its claims, or the reason it is not acceptable.
import type { KeyObject } from 'node:crypto';
import { verify } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export type JwtCheck = { ok: true; header: JwtClaims; claims: JwtClaims } | { ok: false; reason: 'malformed' | 'signature' };

function decodePart(part: string): JwtClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes without verifying, to find which key (the `iss`) to verify with. */
export function decodeJwt(token: string): { header: JwtClaims; claims: JwtClaims } | undefined {
  const [h, c, s] = token.split('.');
  if (h === undefined || c === undefined || s === undefined) return undefined;
  const header = decodePart(h);
  const claims = decodePart(c);
  return header && claims ? { header, claims } : undefined;
}

export function verifyRs256Jwt(token: string, publicKey: string | KeyObject): JwtCheck {
  const decoded = decodeJwt(token);
  const parts = token.split('.');
  if (!decoded || parts.length !== 3 || decoded.header['alg'] !== 'RS256') return { ok: false, reason: 'malformed' };
  const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2] as string, 'base64url');
  const valid = verify('RSA-SHA256', signingInput, publicKey, signature);
  return valid ? { ok: true, ...decoded } : { ok: false, reason: 'signature' };
}
