import { describe, expect, it } from 'vitest';
import { toSentence } from './toSentence';

describe('toSentence', () => {
  it('drops the field code name the API puts in front and makes a sentence', () => {
    expect(toSentence('intervalMinutes: must be at least 5 minutes', 'intervalMinutes')).toBe('Must be at least 5 minutes.');
  });

  it('drops a nested field path too', () => {
    expect(toSentence('config.folderIds.0: must be a Google Drive folder id', 'config.folderIds.0')).toBe(
      'Must be a Google Drive folder id.',
    );
  });

  it('keeps a message without the prefix and does not double the full stop', () => {
    expect(toSentence('wrong email or password')).toBe('Wrong email or password.');
    expect(toSentence('Already fine.', 'name')).toBe('Already fine.');
  });

  it('leaves a colon that is not the field prefix alone', () => {
    expect(toSentence('name: must not be empty', 'email')).toBe('Name: must not be empty.');
  });
});
