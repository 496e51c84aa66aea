import type { FrameSamplingOptions } from '../../ports/frameSource';
import { defaultSamplingOptions } from './defaultSamplingOptions';
import { defaultReaderSettings, type ReaderSettings } from './readerSettings';

/**
 * Everything that decides what a processing run reads and how fast: frame sampling
 * (fps, size, region of interest) and the barcode reader's search. The CLI builds it
 * from its flags; the reader adapter is created from `reader`, the frame source gets
 * `sampling`.
 */
export interface ProcessingSettings {
  readonly sampling: FrameSamplingOptions;
  readonly reader: ReaderSettings;
}

export const defaultProcessingSettings: ProcessingSettings = { sampling: defaultSamplingOptions, reader: defaultReaderSettings };
