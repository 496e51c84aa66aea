import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors';
import { parseProcessArgs } from '../../../cli/process/parseProcessArgs';

const parse = (...flags: string[]) => parseProcessArgs(['a.mp4', '--out', 'out', ...flags], 'UTC');

describe('vtrack process reader flags', () => {
  it('defaults to the regions search on unsqueezed frames with rotation, without straightening', () => {
    const args = parse();
    expect(args.reader).toEqual({ search: 'regions', tryRotate: true, binarizer: 'LocalAverage', symbologies: ['QRCode', 'Code128', 'DataMatrix', 'PDF417', 'Code39'], straighten: false });
    expect(args.verticalSqueeze).toBe(1);
  });

  it('keeps the former squeezed frame and no rotation for --search rows unless asked', () => {
    expect(parse('--search', 'rows')).toMatchObject({ verticalSqueeze: 3, reader: { search: 'rows', tryRotate: false } });
    expect(parse('--search', 'rows', '--rotate', 'on', '--squeeze', '2')).toMatchObject({ verticalSqueeze: 2, reader: { search: 'rows', tryRotate: true } });
  });

  it('takes the binarizer, symbologies and straightening from flags', () => {
    const args = parse('--binarizer', 'GlobalHistogram', '--symbologies', 'QRCode,Code128', '--straighten', 'on');
    expect(args.reader).toMatchObject({ binarizer: 'GlobalHistogram', symbologies: ['QRCode', 'Code128'], straighten: true });
  });

  it('takes --roi as whole pixels or as fractions of the picture (the form a source stores), and refuses one outside the picture', () => {
    expect(parse('--roi', '320,72,640,432').roi).toEqual({ x: 320, y: 72, width: 640, height: 432 });
    expect(parse('--roi', '0.25,0.1,0.5,0.6').roi).toEqual({ x: 0.25, y: 0.1, width: 0.5, height: 0.6 });
    expect(() => parse('--roi', '0.6,0,0.5,0.5')).toThrow(/inside the picture/);
    expect(() => parse('--roi', '10.5,0,100,100')).toThrow(/whole pixels or as fractions/);
  });

  it.each([
    [['--search', 'everywhere'], '--search'],
    [['--rotate', 'yes'], '--rotate'],
    [['--binarizer', 'Otsu'], '--binarizer'],
    [['--symbologies', 'QRCode,EAN13'], '--symbologies'],
    [['--straighten', '1'], '--straighten'],
  ])('rejects %j naming the flag', (flags, field) => {
    // Act
    const error = (() => {
      try {
        parse(...flags);
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });
});
