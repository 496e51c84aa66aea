/**
 * How errors are logged: name, message, stack, code, status and the cause
 * chain — and nothing else. HTTP client errors (gaxios, the AWS SDK) carry the
 * request they failed on, headers included, so logging them whole would write
 * bearer tokens into the logs.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  // Non-Error values (objects thrown by libraries) could hold anything, tokens included: only their type is logged.
  if (!(error instanceof Error)) return { message: typeof error === 'object' && error !== null ? 'a non-Error object was thrown' : String(error) };
  const e = error as Error & { code?: unknown; status?: unknown; $metadata?: { httpStatusCode?: unknown }; context?: unknown };
  const out: Record<string, unknown> = { type: e.name, message: e.message };
  if (e.stack !== undefined) out['stack'] = e.stack;
  if (typeof e.code === 'string' || typeof e.code === 'number') out['code'] = e.code;
  const status = typeof e.status === 'number' ? e.status : e.$metadata?.httpStatusCode;
  if (typeof status === 'number') out['status'] = status;
  if (typeof e.context === 'object' && e.context !== null) out['context'] = e.context;
  if (e.cause !== undefined && depth < 5) out['cause'] = serializeError(e.cause, depth + 1);
  return out;
}
