/**
 * The TOTP the Cognito fake checks and the tests type is the one authenticator
 * apps make: RFC 6238's own SHA-1 test vectors (its appendix B), read at 6 digits.
 */
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, totpCode, totpMatches, wrongTotpCode } from './totp';

/** RFC 6238's SHA-1 seed, "12345678901234567890", as the base32 an otpauth:// URI carries. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238, SHA-1, 30 s, 6 digits)', () => {
  it('gives RFC 6238’s test-vector codes at its test times', () => {
    // Appendix B's 8-digit values, of which an app shows the last 6.
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1_111_111_109, '07081804'],
      [1_111_111_111, '14050471'],
      [1_234_567_890, '89005924'],
      [2_000_000_000, '69279037'],
      [20_000_000_000, '65353130'],
    ];
    for (const [seconds, eightDigits] of vectors) expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(eightDigits.slice(2));
  });

  it('reads the secret as base32, whatever its case, spaces or padding', () => {
    expect(base32Decode(RFC_SECRET).toString('latin1')).toBe('12345678901234567890');
    expect(base32Encode(Buffer.from('12345678901234567890'))).toBe(RFC_SECRET);
    expect(totpCode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq====', 59_000)).toBe('287082');
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('takes the code of the step before and after (clock drift) but not older ones, and never a malformed one', () => {
    const at = 1_111_111_111_000;
    expect(totpMatches(RFC_SECRET, totpCode(RFC_SECRET, at - 30_000), at)).toBe(true);
    expect(totpMatches(RFC_SECRET, totpCode(RFC_SECRET, at + 30_000), at)).toBe(true);
    expect(totpMatches(RFC_SECRET, totpCode(RFC_SECRET, at - 90_000), at)).toBe(false);
    expect(totpMatches(RFC_SECRET, '14050471', at)).toBe(false);
    expect(totpMatches(RFC_SECRET, wrongTotpCode(RFC_SECRET, at), at)).toBe(false);
  });
});
