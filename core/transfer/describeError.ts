/** The words stored as lastError: the message, without stack or internals. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
