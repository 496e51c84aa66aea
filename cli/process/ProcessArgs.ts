import type { PictureRegion } from '../../core/processing/region/pictureRegion';
import type { BBox } from '../../core/processing/types/bBox';
import type { EventBuilderOptions } from '../../core/processing/events/eventBuilderOptions';
import type { ReaderSettings } from '../../core/processing/pipeline/readerSettings';
import type { TrackingCodePattern } from '../../core/processing/trackingCodes/trackingCodePattern';

/** `vtrack process` after parsing and validation. */
export interface ProcessArgs {
  readonly files: readonly string[];
  readonly outDir: string;
  readonly camera?: string | undefined;
  readonly timeZone: string;
  /** `--roi` in pixels (any value above 1) or as fractions of the picture (all four at most 1: the form a source's settings store). */
  readonly roi?: BBox | PictureRegion | undefined;
  readonly fps: number;
  readonly width: number;
  readonly verticalSqueeze: number;
  readonly reader: ReaderSettings;
  readonly clipMode: 'copy' | 'accurate' | 'none';
  readonly patterns?: readonly TrackingCodePattern[] | undefined;
  readonly events: Partial<EventBuilderOptions>;
}
