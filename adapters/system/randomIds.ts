import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../core/ports/idGenerator';

/** 80 random bits in lowercase base32: short, URL-safe, unguessable enough for ids. */
function randomPart(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i += 1) out += alphabet[(bytes[i] ?? 0) & 31];
  return out;
}

/** `YYYYMMDDTHHMMSSmmm` sorts the same way as the time it stands for. */
function compactTime(at: Date): string {
  return at.toISOString().replace(/[-:.Z]/g, '');
}

export const randomIds: IdGenerator = {
  newId: (prefix) => `${prefix}_${randomPart()}`,
  newTimeOrderedId: (prefix, at) => `${prefix}_${compactTime(at)}_${randomPart().slice(0, 8)}`,
};
