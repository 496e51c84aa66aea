import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { splitCodeInput } from '../../../../core/events/splitCodeInput';

describe('splitCodeInput', () => {
  it('splits pasted text on commas, semicolons, spaces, tabs and any newline, normalising each code', () => {
    const text = ' ghn123abc, SPX0001;vn-77 \r\nJT9000\tghn123abc\n\n;;  spx 0002 ';

    const { codes, rejected } = splitCodeInput(text, 'text');

    // "spx 0002" is two tokens: a space separates codes in pasted text.
    expect(codes).toEqual(['GHN123ABC', 'SPX0001', 'VN-77', 'JT9000', 'SPX', '0002']);
    expect(rejected).toEqual([]);
  });

  it('takes a list, splits cells that hold two codes, and drops duplicates after normalising', () => {
    const { codes } = splitCodeInput(['ghn1', 'GHN1 ', 'a1,b2', 'c3;\nd4', '\uFEFFx9'], 'codes');

    expect(codes).toEqual(['GHN1', 'A1', 'B2', 'C3', 'D4', 'X9']);
  });

  it('keeps a list cell with spaces as one code, as typed into a spreadsheet', () => {
    expect(splitCodeInput(['spx vn 4177 76317', ' ghn\u00A0123 '], 'codes').codes).toEqual(['SPXVN417776317', 'GHN123']);
  });

  it('rejects tokens too long to be a code, saying why, and keeps the rest', () => {
    const long = 'X'.repeat(65);
    const { codes, rejected } = splitCodeInput(`GHN1 ${long}`, 'text');

    expect(codes).toEqual(['GHN1']);
    expect(rejected).toEqual([{ input: long, code: 'too_long', maxLength: 64, reason: expect.stringContaining('64') }]);
  });

  it('rejects junk a spreadsheet carries (rule lines) as not codes', () => {
    const { codes, rejected } = splitCodeInput(['GHN1', '-----', '***'], 'codes');

    expect(codes).toEqual(['GHN1']);
    expect(rejected.map((entry) => entry.input)).toEqual(['-----', '***']);
    expect(rejected.map((entry) => entry.code)).toEqual(['no_letters_or_digits', 'no_letters_or_digits']);
  });

  it('takes exactly 1,000 codes and refuses the 1,001st naming the field', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => `C${i}`);

    expect(splitCodeInput(thousand, 'codes').codes).toHaveLength(1000);
    expect(() => splitCodeInput([...thousand, 'C1000'], 'codes')).toThrow(ValidationError);
    try {
      splitCodeInput([...thousand, 'C1000'].join('\n'), 'text');
    } catch (error) {
      expect((error as ValidationError).field).toBe('text');
      expect((error as Error).message).toContain('1,000');
    }
  });

  it('counts 1,000 duplicates of one code as one code', () => {
    expect(splitCodeInput(Array.from({ length: 3000 }, () => 'same'), 'codes').codes).toEqual(['SAME']);
  });
});
