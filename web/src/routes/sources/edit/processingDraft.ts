import type { ProcessingSettings } from '../../../../../core/sources/processingSettings';

/** The carrier presets the API knows (core's defaultTrackingCodePatterns); a root unit test keeps the two lists equal. */
export const CARRIERS = ['SPX', 'GHN', 'VNPost', 'Lazada', 'J&T', 'NinjaVan', 'UPS', 'UPU-S10'] as const;

/** What a source without settings processes with (core's defaultProcessingSettings, checked by the same test). */
export const defaultProcessing: ProcessingSettings = {
  enabled: false,
  carriers: [...CARRIERS],
  customPatterns: [],
  minPackingSec: 0,
  maxPackingSec: 600,
  preBufferSec: 2,
  postBufferSec: 2,
  roi: null,
  keep: 'clips_and_footage',
};

/** The form's own shape: numbers as typed, custom patterns one `NAME=REGEX` a line, the region as drawn (fractions of the picture). */
export interface ProcessingDraft {
  enabled: boolean;
  carriers: string[];
  patterns: string;
  minPackingSec: string;
  maxPackingSec: string;
  preBufferSec: string;
  postBufferSec: string;
  roi: ProcessingSettings['roi'];
  keep: ProcessingSettings['keep'];
}

export function toDraft(settings: ProcessingSettings | undefined): ProcessingDraft {
  const s = settings ?? defaultProcessing;
  return {
    enabled: s.enabled,
    carriers: [...s.carriers],
    patterns: s.customPatterns.map((p) => `${p.carrier}=${p.pattern}`).join('\n'),
    minPackingSec: String(s.minPackingSec),
    maxPackingSec: String(s.maxPackingSec),
    preBufferSec: String(s.preBufferSec),
    postBufferSec: String(s.postBufferSec),
    roi: s.roi === null ? null : { ...s.roi },
    keep: s.keep,
  };
}

/** The settings to send; the API checks every value and names the field it refuses (`config.processing.<field>`). */
export function fromDraft(draft: ProcessingDraft): ProcessingSettings {
  const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
  return {
    enabled: draft.enabled,
    carriers: CARRIERS.filter((c) => draft.carriers.includes(c)),
    customPatterns: draft.patterns
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? { carrier: 'Custom', pattern: line } : { carrier: line.slice(0, at).trim(), pattern: line.slice(at + 1).trim() };
      }),
    minPackingSec: num(draft.minPackingSec),
    maxPackingSec: num(draft.maxPackingSec),
    preBufferSec: num(draft.preBufferSec),
    postBufferSec: num(draft.postBufferSec),
    roi: draft.roi === null ? null : { ...draft.roi },
    keep: draft.keep,
  };
}
