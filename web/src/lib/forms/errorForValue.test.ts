import { describe, expect, it } from 'vitest';
import { errorToShow, valueKey } from './errorForValue';

const refused = { text: 'Must be at least 60 seconds.', forValue: valueKey('30') };

describe('errorToShow', () => {
  it('shows the error while the field holds the value it was given for', () => {
    expect(errorToShow(refused, '30')).toBe('Must be at least 60 seconds.');
  });

  it('shows nothing once the value is changed, and the error again when the same value is back', () => {
    expect(errorToShow(refused, '600')).toBe('');
    expect(errorToShow(refused, '30')).toBe('Must be at least 60 seconds.');
  });

  it('compares a group of choices by what is chosen, not by which array holds them', () => {
    const carriers = { text: 'Choose at least one.', forValue: valueKey([]) };

    expect(errorToShow(carriers, [])).toBe('Choose at least one.');
    expect(errorToShow(carriers, ['GHN'])).toBe('');
  });

  it('shows an error worked out from the value as it is now as given, whatever the form said', () => {
    expect(errorToShow(refused, '600', 'Must be a whole number.')).toBe('Must be a whole number.');
    expect(errorToShow({ text: '', forValue: valueKey('') }, 'x', 'Must start with /.')).toBe('Must start with /.');
  });

  it('shows nothing when there is no error', () => {
    expect(errorToShow({ text: '', forValue: valueKey('30') }, '30')).toBe('');
  });
});
