/**
 * Awaits an operation that is meant to fail and returns its error, so a test
 * can run it in Act and assert on it later without leaving a rejected promise
 * unobserved in between. Throws when the operation succeeds.
 */
export async function caught(operation: Promise<unknown>): Promise<unknown> {
  try {
    await operation;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}
