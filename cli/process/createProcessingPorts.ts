import type { ProcessingPorts } from '../../core/processing/pipeline/processRecordings';
import { locateFfmpeg } from '../../adapters/ffmpeg/locateFfmpeg';
import { FfmpegProbe } from '../../adapters/ffmpeg/ffmpegProbe';
import { FfmpegFrameSource } from '../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegClipCutter } from '../../adapters/ffmpeg/ffmpegClipCutter';
import { WorkerBarcodeReader } from '../../adapters/barcode/workerBarcodeReader';

/**
 * Wires the real adapters once: the environment is read here and nowhere deeper
 * (VTRACK_FFMPEG / VTRACK_FFPROBE, else PATH). Call close() to stop the worker.
 */
export async function createProcessingPorts(env: NodeJS.ProcessEnv): Promise<ProcessingPorts & { close(): Promise<void> }> {
  const tools = await locateFfmpeg({ ffmpegPath: env.VTRACK_FFMPEG || undefined, ffprobePath: env.VTRACK_FFPROBE || undefined, searchPath: env.PATH });
  const probe = new FfmpegProbe(tools);
  const reader = await WorkerBarcodeReader.create();
  return {
    probe,
    frameSource: new FfmpegFrameSource(tools, { probe }),
    reader,
    clipCutter: new FfmpegClipCutter(tools, { probe }),
    close: () => reader.close(),
  };
}
