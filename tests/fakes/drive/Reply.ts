// What a handler hands back to the router: JSON or a body stream. The router
// decides how it goes on the wire (and whether a fault cuts it short).
import type { Readable } from 'node:stream';

export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'stream'; status: number; headers: Record<string, string>; stream: Readable }
  | { kind: 'redirect'; location: string };

export function json(body: unknown, status = 200, headers?: Record<string, string>): Reply {
  return { kind: 'json', status, body, ...(headers ? { headers } : {}) };
}
