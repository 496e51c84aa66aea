import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import { formErrorsFrom, matchField } from './fieldErrors';

const known = ['name', 'config', 'config.folderIds'];

describe('matchField', () => {
  it('matches exactly, or the longest known field that the API path starts with', () => {
    expect(matchField('name', known)).toBe('name');
    expect(matchField('config.folderIds.0', known)).toBe('config.folderIds');
    expect(matchField('config.address', known)).toBe('config');
  });

  it('does not match a field that merely shares a prefix of letters', () => {
    expect(matchField('names', known)).toBeUndefined();
  });
});

describe('formErrorsFrom', () => {
  it('puts a field error under the field', () => {
    const error = new ApiError(400, 'validation_error', 'Must not be empty.', { field: 'name' });

    expect(formErrorsFrom(error, known)).toEqual({ fields: { name: 'Must not be empty.' }, form: '' });
  });

  it('shows an error for a field the form does not have at form level', () => {
    const error = new ApiError(400, 'validation_error', 'Too large.', { field: 'body' });

    expect(formErrorsFrom(error, known)).toEqual({ fields: {}, form: 'Too large.' });
  });

  it('never shows the text of an unexpected exception', () => {
    const original = console.error;
    console.error = () => {};
    try {
      const result = formErrorsFrom(new TypeError("Cannot read properties of undefined (reading 'trim')"), known);
      expect(result.form).toBe('Something went wrong. Please try again.');
    } finally {
      console.error = original;
    }
  });
});
