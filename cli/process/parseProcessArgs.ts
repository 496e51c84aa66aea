import { parseArgs } from 'node:util';
import { ValidationError } from '../../core/errors';
import type { BBox } from '../../core/processing/types/bBox';
import type { TrackingCodePattern } from '../../core/processing/trackingCodes/trackingCodePattern';
import { defaultSamplingOptions, squeezedSamplingOptions } from '../../core/processing/pipeline/defaultSamplingOptions';
import { BARCODE_SEARCHES, BINARIZERS, defaultReaderSettings, type ReaderSettings } from '../../core/processing/pipeline/readerSettings';
import { LABEL_SYMBOLOGIES, type LabelSymbology } from '../../core/processing/types/barcodeRead';
import type { ProcessArgs } from './ProcessArgs';

/** Parses `vtrack process` arguments; every mistake is a ValidationError naming the flag. */
export function parseProcessArgs(argv: readonly string[], defaultTimeZone: string): ProcessArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: attachNegativeValues(argv),
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        camera: { type: 'string' },
        tz: { type: 'string' },
        roi: { type: 'string' },
        fps: { type: 'string' },
        width: { type: 'string' },
        squeeze: { type: 'string' },
        search: { type: 'string' },
        rotate: { type: 'string' },
        binarizer: { type: 'string' },
        symbologies: { type: 'string' },
        straighten: { type: 'string' },
        clips: { type: 'string' },
        pre: { type: 'string' },
        post: { type: 'string' },
        gap: { type: 'string' },
        'min-packing': { type: 'string' },
        'max-packing': { type: 'string' },
        'end-at': { type: 'string' },
        'min-detections': { type: 'string' },
        pattern: { type: 'string', multiple: true },
      },
    });
  } catch (cause) {
    throw new ValidationError('args', (cause as Error).message, { cause });
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new ValidationError('video', 'give at least one video file');
  if (!values.out) throw new ValidationError('--out', '--out DIR is required');
  const clipMode = values.clips ?? 'copy';
  if (clipMode !== 'copy' && clipMode !== 'accurate' && clipMode !== 'none') {
    throw new ValidationError('--clips', `--clips must be copy, accurate or none, got ${clipMode}`);
  }
  const endAt = values['end-at'];
  if (endAt !== undefined && endAt !== 'lastSeen' && endAt !== 'nextCode') {
    throw new ValidationError('--end-at', `--end-at must be lastSeen or nextCode, got ${endAt}`);
  }
  const reader = parseReader(values);
  // `rows` was made for squeezed frames; it keeps its own default frame size.
  const sampling = reader.search === 'rows' ? squeezedSamplingOptions : defaultSamplingOptions;
  return {
    files: positionals,
    outDir: values.out,
    camera: values.camera,
    timeZone: values.tz ?? defaultTimeZone,
    roi: values.roi === undefined ? undefined : parseRoi(values.roi),
    fps: num(values.fps, '--fps') ?? sampling.fps,
    width: num(values.width, '--width') ?? sampling.width,
    verticalSqueeze: num(values.squeeze, '--squeeze') ?? sampling.verticalSqueeze ?? 1,
    reader,
    clipMode,
    patterns: values.pattern?.map(parsePattern),
    events: {
      preBufferSec: num(values.pre, '--pre'),
      postBufferSec: num(values.post, '--post'),
      gapToleranceSec: num(values.gap, '--gap'),
      minPackingSec: num(values['min-packing'], '--min-packing'),
      maxPackingSec: num(values['max-packing'], '--max-packing'),
      minDetections: num(values['min-detections'], '--min-detections'),
      ...(endAt ? { endAt } : {}),
    },
  };
}

function parseReader(values: { search?: string | undefined; rotate?: string | undefined; binarizer?: string | undefined; symbologies?: string | undefined; straighten?: string | undefined }): ReaderSettings {
  const search = oneOf(values.search, '--search', BARCODE_SEARCHES) ?? defaultReaderSettings.search;
  const symbologies = values.symbologies?.split(',').map((s) => s.trim());
  if (symbologies && (symbologies.length === 0 || symbologies.some((s) => !(LABEL_SYMBOLOGIES as readonly string[]).includes(s)))) {
    throw new ValidationError('--symbologies', `--symbologies takes a comma-separated list of ${LABEL_SYMBOLOGIES.join(', ')}, got "${values.symbologies}"`);
  }
  return {
    search,
    // Rotation is what reads sideways labels; the `rows` search keeps it off unless asked (it doubles its cost).
    tryRotate: onOff(values.rotate, '--rotate') ?? (search === 'rows' ? false : defaultReaderSettings.tryRotate),
    binarizer: oneOf(values.binarizer, '--binarizer', BINARIZERS) ?? defaultReaderSettings.binarizer,
    symbologies: (symbologies as LabelSymbology[] | undefined) ?? defaultReaderSettings.symbologies,
    straighten: onOff(values.straighten, '--straighten') ?? defaultReaderSettings.straighten,
  };
}

function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new ValidationError(flag, `${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function onOff(value: string | undefined, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ValidationError(flag, `${flag} must be on or off, got "${value}"`);
}

/** `--tz -05:00` would read as a flag; glue values that look like negative offsets or numbers to their flag. */
function attachNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

function num(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new ValidationError(flag, `${flag} needs a number, got "${value}"`);
  return n;
}

function parseRoi(value: string): BBox {
  const parts = value.split(',').map((p) => Number(p.trim()));
  const fractions = parts.length === 4 && parts.every((p) => Number.isFinite(p) && p >= 0 && p <= 1);
  if (fractions) {
    const [x, y, width, height] = parts as [number, number, number, number];
    if (width < 0.02 || height < 0.02 || x + width > 1.000001 || y + height > 1.000001) {
      throw new ValidationError('--roi', `--roi as fractions needs X,Y,W,H inside the picture (X+W and Y+H at most 1, W and H at least 0.02), got "${value}"`);
    }
    return { x, y, width, height };
  }
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new ValidationError('--roi', `--roi needs X,Y,W,H in whole pixels or as fractions of the picture (0 to 1), got "${value}"`);
  }
  const [x, y, width, height] = parts as [number, number, number, number];
  return { x, y, width, height };
}

function parsePattern(value: string): TrackingCodePattern {
  const at = value.indexOf('=');
  if (at <= 0) throw new ValidationError('--pattern', `--pattern needs CARRIER=REGEX, got "${value}"`);
  return { carrier: value.slice(0, at), pattern: value.slice(at + 1) };
}
