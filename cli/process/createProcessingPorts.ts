import type { ProcessingPorts } from '../../core/processing/pipeline/processRecordings';
import { locateFfmpeg } from '../../adapters/ffmpeg/locateFfmpeg';
import { FfmpegProbe } from '../../adapters/ffmpeg/ffmpegProbe';
import { FfmpegFrameSource } from '../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegClipCutter } from '../../adapters/ffmpeg/ffmpegClipCutter';
import { WorkerBarcodeReader } from '../../adapters/barcode/workerBarcodeReader';
import { zxingOptionsFor } from '../../adapters/barcode/zxingBarcodeReader';
import { defaultReaderSettings, type ReaderSettings } from '../../core/processing/pipeline/readerSettings';

/**
 * Wires the real adapters once: the environment is read here and nowhere deeper
 * (VTRACK_FFMPEG / VTRACK_FFPROBE, else PATH); the reader takes the run's reader
 * settings. Call close() to stop the worker.
 */
export async function createProcessingPorts(env: NodeJS.ProcessEnv, reader: ReaderSettings = defaultReaderSettings): Promise<ProcessingPorts & { close(): Promise<void> }> {
  const tools = await locateFfmpeg({ ffmpegPath: env.VTRACK_FFMPEG || undefined, ffprobePath: env.VTRACK_FFPROBE || undefined, searchPath: env.PATH });
  const probe = new FfmpegProbe(tools);
  const barcodes = await WorkerBarcodeReader.create(zxingOptionsFor(reader));
  return {
    probe,
    frameSource: new FfmpegFrameSource(tools, { probe }),
    reader: barcodes,
    clipCutter: new FfmpegClipCutter(tools, { probe }),
    close: () => barcodes.close(),
  };
}
