import { createHash, randomBytes } from 'node:crypto';
import type { PkcePair } from '../../core/ports/googleAuth';

/** RFC 7636 S256: a 43-character verifier and its SHA-256 challenge, both base64url. */
export function newPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}
