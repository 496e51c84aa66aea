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
  readonly roi?: BBox | undefined;
  readonly fps: number;
  readonly width: number;
  readonly verticalSqueeze: number;
  readonly reader: ReaderSettings;
  readonly clipMode: 'copy' | 'accurate' | 'none';
  readonly patterns?: readonly TrackingCodePattern[] | undefined;
  readonly events: Partial<EventBuilderOptions>;
}
