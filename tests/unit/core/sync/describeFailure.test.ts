import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../../core/sync/describeFailure';

describe('describeFailure', () => {
  it('reads the errorMessage of a Lambda error cause', () => {
    const cause = JSON.stringify({ errorType: 'PermanentError', errorMessage: 'downloadQuotaExceeded' });
    expect(describeFailure({ Error: 'PermanentError', Cause: cause })).toBe('downloadQuotaExceeded');
  });

  it('keeps a plain-text cause as it is', () => {
    expect(describeFailure({ Error: 'States.Timeout', Cause: 'Task timed out' })).toBe('Task timed out');
  });

  it('falls back to the error name and caps the length', () => {
    expect(describeFailure({ Error: 'States.TaskFailed' })).toBe('States.TaskFailed');
    expect(describeFailure({ Error: 'E', Cause: 'x'.repeat(2000) })).toHaveLength(500);
  });
});
