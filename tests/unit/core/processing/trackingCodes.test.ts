import { describe, expect, it } from 'vitest';
import { createTrackingCodeMatcher } from '../../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { ValidationError } from '../../../../core/errors';

describe('createTrackingCodeMatcher', () => {
  const match = createTrackingCodeMatcher(defaultTrackingCodePatterns);

  it('accepts carrier codes and names the carrier', () => {
    expect(match('SPXVN417776317')).toEqual({ code: 'SPXVN417776317', carrier: 'SPX' });
    expect(match(' GHN91500080636\n')).toEqual({ code: 'GHN91500080636', carrier: 'GHN' });
    expect(match('1Z999AA10123456784')?.carrier).toBe('UPS');
    expect(match('EB123456785VN')?.carrier).toBe('UPU-S10');
  });

  it('rejects garbage reads, product barcodes and codes with extra text', () => {
    for (const text of ['', 'hello', '8934563123456', 'https://shop.example/GHN91500080636', 'GHN915', 'SPXVN417776317X', 'X'.repeat(100)]) {
      expect(match(text), text).toBeNull();
    }
  });

  it('uses custom patterns instead of the defaults, anchored to the whole text', () => {
    const custom = createTrackingCodeMatcher([{ carrier: 'Acme', pattern: 'AC\\d{6}' }]);
    expect(custom('AC123456')).toEqual({ code: 'AC123456', carrier: 'Acme' });
    expect(custom('xAC123456')).toBeNull();
    expect(custom('GHN91500080636')).toBeNull();
  });

  it('fails fast on an invalid regular expression, naming its index', () => {
    const make = (): unknown => createTrackingCodeMatcher([{ carrier: 'ok', pattern: 'A+' }, { carrier: 'bad', pattern: '(' }]);
    expect(make).toThrow(ValidationError);
    try {
      make();
    } catch (error) {
      expect((error as ValidationError).field).toBe('trackingCodePatterns.1');
    }
  });
});
