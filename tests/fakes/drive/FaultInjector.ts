// Scripted failures. Faults are checked in the order they were added; the first
// one that matches a request and has uses left is consumed (its `times` counts
// down) and decides how that request fails. One fault per request.
import type { FaultReason } from './faultReasons';
import type { Operation } from './types';

export interface FaultMatch {
  method?: string;
  path?: RegExp;
  operation?: Operation;
  fileId?: string;
}

export type FaultResponse =
  /** An error reply. For Drive operations the body is Drive's error JSON with `reason`;
   *  for `token` it is OAuth's {error, error_description} with `reason` as `error`. */
  | { status: number; reason?: FaultReason | (string & {}); message?: string; retryAfterSeconds?: number }
  /** Send the headers and this many body bytes, then reset the TCP connection. */
  | { resetAfterBytes: number }
  /** Wait this long before handling the request normally (a slow response). */
  | { delayMs: number };

export interface FaultSpec {
  match?: FaultMatch;
  /** How many requests this fault applies to; default 1. */
  times?: number;
  respond: FaultResponse;
}

export interface RequestFacts {
  method: string;
  path: string;
  operation: Operation;
  fileId: string | undefined;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Uses left across all faults; 0 means every scripted fault has fired. */
  pending(): number {
    return this.faults.reduce((sum, f) => sum + f.remaining, 0);
  }

  /** Consumes and returns the fault for this request, if any. */
  take(request: RequestFacts): FaultResponse | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && matches(f.spec.match, request));
    if (!fault) return undefined;
    fault.remaining--;
    return fault.spec.respond;
  }
}

function matches(match: FaultMatch | undefined, request: RequestFacts): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  if (match.path && !match.path.test(request.path)) return false;
  if (match.operation && match.operation !== request.operation) return false;
  if (match.fileId && match.fileId !== request.fileId) return false;
  return true;
}
