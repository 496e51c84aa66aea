/**
 * Turns Step Functions' `{Error, Cause}` into one sentence for the run record,
 * which tenants read: the error's message (a Lambda error's Cause is JSON with
 * errorMessage; other causes are plain text), not its class name; the name only
 * when there is no message at all.
 */
export function describeFailure(failure: { Error: string; Cause?: string | undefined }): string {
  let message: string | undefined;
  if (failure.Cause !== undefined) {
    try {
      const parsed = JSON.parse(failure.Cause) as { errorMessage?: unknown };
      if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
    } catch {
      message = failure.Cause;
    }
  }
  const text = message === undefined || message === '' ? failure.Error : message;
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
