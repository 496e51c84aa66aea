// What the fake served, for tests and benchmarks: every request with its
// operation, status and body bytes, and per-operation counts.
import type { ServerResponse } from 'node:http';
import type { Operation } from './types';

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  operation: Operation;
  fileId: string | undefined;
  status: number;
  /** Body bytes written (for a reset fault, what was written before the reset). */
  bytesSent: number;
  durationMs: number;
}

export class RequestLog {
  readonly requests: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.requests.push(entry);
  }

  counts(): Partial<Record<Operation, number>> {
    const counts: Partial<Record<Operation, number>> = {};
    for (const r of this.requests) counts[r.operation] = (counts[r.operation] ?? 0) + 1;
    return counts;
  }

  reset(): void {
    this.requests.length = 0;
  }
}

/** Counts body bytes as they are written, without buffering them. */
export function countBodyBytes(res: ServerResponse): () => number {
  let bytes = 0;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const measure = (chunk: unknown): void => {
    if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) bytes += chunk.length;
  };
  // Patched on this one response object only; the signatures stay those of ServerResponse.
  res.write = ((...args: unknown[]) => {
    measure(args[0]);
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') measure(args[0]);
    return end(...args);
  }) as typeof res.end;
  return () => bytes;
}
