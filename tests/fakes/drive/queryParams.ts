// Parsing of the query parameters Drive methods share, with Drive's 400s.
import { createHash } from 'node:crypto';
import { DriveHttpError } from './DriveHttpError';
import type { FieldTree } from './projectFields';
import { parseFields } from './projectFields';

/** Drive booleans: "true"/"false"; anything else is a 400 on that parameter. */
export function boolParam(query: URLSearchParams, name: string, fallback = false): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw DriveHttpError.invalidParameter(name);
}

/** pageSize within [1, max], default when absent. */
export function pageSizeParam(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('pageSize');
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw DriveHttpError.invalidParameter('pageSize', `Invalid value '${raw}'. Values must be within the range: [1, ${max}]`);
  }
  return value;
}

export function fieldsParam(query: URLSearchParams, fallback: string): FieldTree {
  return parseFields(query.get('fields') ?? fallback);
}

/**
 * Opaque offset page tokens bound to the request that produced them, so a token
 * replayed with a different q/orderBy is refused like Drive refuses it.
 */
export function encodeOffsetToken(offset: number, binding: string): string {
  return Buffer.from(JSON.stringify({ o: offset, b: digest(binding) })).toString('base64url');
}

export function decodeOffsetToken(token: string | null, binding: string): number {
  if (token === null || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; b?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.b === digest(binding)) return parsed.o;
  } catch {
    // fall through to Drive's answer for a bad token
  }
  throw DriveHttpError.invalidParameter('pageToken');
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 12);
}
