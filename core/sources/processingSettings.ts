import { z } from 'zod';
import { defaultTrackingCodePatterns } from '../processing/trackingCodes/defaultTrackingCodePatterns';
import type { TrackingCodePattern } from '../processing/trackingCodes/trackingCodePattern';

/** Carriers whose code shapes VTrack knows (core/processing/trackingCodes/defaultTrackingCodePatterns.ts). */
export const carrierPresets = defaultTrackingCodePatterns.map((p) => p.carrier);

const seconds = (min: number, max: number) =>
  z.number({ error: 'must be a number of seconds' }).min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds`);

const customPattern = z.strictObject({
  carrier: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  pattern: z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .refine(compiles, 'is not a valid regular expression')
    .refine((p) => !compiles(p) || !new RegExp(`^(?:${p})$`).test(''), 'must not match an empty code'),
});

const fraction = z.number({ error: 'must be a fraction of the picture from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1');
const side = fraction.min(0.02, 'must be at least 0.02 (2 % of the picture)');

/**
 * How a source's footage is processed: whether at all, which tracking codes
 * count, how long an order may take, how much footage around it the clip shows,
 * where in the picture to look, and whether the footage is kept once its clips
 * are cut. Every field has a default, so `{}` is a complete setting.
 */
export const processingSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Carrier presets whose codes count. */
    carriers: z
      .array(z.enum(carrierPresets as [string, ...string[]], { error: `must be one of ${carrierPresets.join(', ')}` }))
      .max(carrierPresets.length)
      .default([...carrierPresets]),
    /** The tenant's own code shapes: a regular expression matching the whole code. */
    customPatterns: z.array(customPattern).max(20, 'at most 20 patterns').default([]),
    minPackingSec: seconds(0, 600).default(0),
    maxPackingSec: seconds(10, 3600).default(600),
    preBufferSec: seconds(0, 60).default(2),
    postBufferSec: seconds(0, 60).default(2),
    /**
     * Only this rectangle of the picture is read, as fractions of its width and
     * height (drawn on a frame; the same for any resolution); null reads the whole picture.
     */
    roi: z
      .strictObject({ x: fraction, y: fraction, width: side, height: side })
      .refine((r) => r.x + r.width <= 1.000001, { error: 'reaches past the right edge: x + width must be at most 1', path: ['width'] })
      .refine((r) => r.y + r.height <= 1.000001, { error: 'reaches past the bottom edge: y + height must be at most 1', path: ['height'] })
      .nullable()
      .default(null),
    /** `clips_only`: footage expires once its clips are cut and the next recording is read too, or a day after it was read (core/storage/clippedFootage.ts, docs/STORAGE.md). */
    keep: z.enum(['clips_and_footage', 'clips_only'], { error: 'must be clips_and_footage or clips_only' }).default('clips_and_footage'),
  })
  .refine((s) => s.minPackingSec < s.maxPackingSec, { error: 'must be more than minPackingSec', path: ['maxPackingSec'] })
  .refine((s) => s.carriers.length + s.customPatterns.length > 0, { error: 'choose at least one carrier or add a pattern', path: ['carriers'] });

export type ProcessingSettings = z.output<typeof processingSettingsSchema>;

export const defaultProcessingSettings: ProcessingSettings = processingSettingsSchema.parse({});

/** The code shapes a source's settings count: its presets, then its own patterns. */
export function trackingCodePatternsOf(settings: ProcessingSettings): TrackingCodePattern[] {
  return [...defaultTrackingCodePatterns.filter((p) => settings.carriers.includes(p.carrier)), ...settings.customPatterns];
}

/** A source's settings; a source stored before processing existed reads as the defaults (off). */
export function processingSettingsOf(config: object): ProcessingSettings {
  return 'processing' in config && config.processing !== undefined ? (config.processing as ProcessingSettings) : defaultProcessingSettings;
}

/** A local folder's settings: its agent processes on site unless told not to, so a folder saved without settings is on, with the defaults. */
export function localProcessingSettingsOf(config: object): ProcessingSettings {
  return 'processing' in config && config.processing !== undefined ? (config.processing as ProcessingSettings) : { ...defaultProcessingSettings, enabled: true };
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
