import { WorkerBarcodeReader } from '../adapters/barcode/workerBarcodeReader';
import { zxingOptionsFor } from '../adapters/barcode/zxingBarcodeReader';
import { FfmpegClipCutter } from '../adapters/ffmpeg/ffmpegClipCutter';
import { FfmpegFrameSource } from '../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegProbe } from '../adapters/ffmpeg/ffmpegProbe';
import { locateFfmpeg } from '../adapters/ffmpeg/locateFfmpeg';
import { defaultSamplingOptions } from '../core/processing/pipeline/defaultSamplingOptions';
import { defaultReaderSettings } from '../core/processing/pipeline/readerSettings';
import { createTrackingCodeMatcher } from '../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../core/processing/trackingCodes/defaultTrackingCodePatterns';
import type { AgentState } from './agentState';
import { SiteProcessor } from './processing/siteProcessor';

export interface AgentEnvironment {
  readonly ffmpegPath: string | undefined;
  readonly ffprobePath: string | undefined;
  readonly searchPath: string | undefined;
}

/** The on-site processor with the real ffmpeg and barcode reader; close() stops the reader's thread. */
export async function createSiteProcessor(state: AgentState, env: AgentEnvironment): Promise<{ processor: SiteProcessor; ffmpegPath: string; close(): Promise<void> }> {
  const tools = await locateFfmpeg({ ffmpegPath: env.ffmpegPath, ffprobePath: env.ffprobePath, searchPath: env.searchPath });
  const probe = new FfmpegProbe(tools);
  // The same reader settings as the CLI and cloud processing (rotation tried), so a site reads what they read.
  const reader = await WorkerBarcodeReader.create(zxingOptionsFor(defaultReaderSettings));
  const processor = new SiteProcessor({
    ports: { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader, clipCutter: new FfmpegClipCutter(tools, { probe }) },
    history: state.history,
    outboxDir: state.outboxDir,
    matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns),
    sampling: defaultSamplingOptions,
  });
  return { processor, ffmpegPath: tools.ffmpeg, close: () => reader.close() };
}
