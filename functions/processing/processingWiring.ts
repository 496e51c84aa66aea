import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { WorkerBarcodeReader } from '../../adapters/barcode/workerBarcodeReader';
import { zxingOptionsFor } from '../../adapters/barcode/zxingBarcodeReader';
import { DynamoFileProcessingRepository } from '../../adapters/dynamodb/dynamoFileProcessingRepository';
import { DynamoRunProcessingProgress } from '../../adapters/dynamodb/dynamoRunProcessingProgress';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import { FfmpegClipCutter } from '../../adapters/ffmpeg/ffmpegClipCutter';
import { FfmpegFrameSource } from '../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegProbe } from '../../adapters/ffmpeg/ffmpegProbe';
import { locateFfmpeg } from '../../adapters/ffmpeg/locateFfmpeg';
import { S3ClipStore } from '../../adapters/s3/s3ClipStore';
import { S3FootageUrls } from '../../adapters/s3/s3FootageUrls';
import { S3ProcessingManifestStore } from '../../adapters/s3/s3ProcessingManifestStore';
import type { ProcessCameraDeps } from '../../core/processing/cloud/processCameraStep';
import type { PlanProcessingDeps } from '../../core/processing/cloud/planProcessing';
import { defaultReaderSettings } from '../../core/processing/pipeline/readerSettings';
import { accountedClipStore } from '../../core/storage/accountedClipStore';
import type { AppDependencies } from '../wiring';

/** The processing step's media tools, opened for one invocation; `close` stops the barcode worker. */
export type OpenedProcessing = Pick<ProcessCameraDeps, 'processing' | 'clips'> & { close(): Promise<void> };

export interface ProcessingWiring {
  readonly plan: (app: AppDependencies) => PlanProcessingDeps;
  readonly camera: (app: AppDependencies) => Omit<ProcessCameraDeps, 'processing' | 'clips'>;
  readonly open: (app: AppDependencies) => Promise<OpenedProcessing>;
}

/**
 * Wires processing from the environment, once per container: the records and
 * manifests beside the app's table and bucket, presigned URLs for ffmpeg, and
 * ffmpeg itself — VTRACK_FFMPEG / VTRACK_FFPROBE when set, else the binaries
 * shipped beside the Lambda bundle (catalog `binaries`), else PATH (local mode).
 */
export function processingWiring(env: Readonly<Record<string, string | undefined>> = process.env): ProcessingWiring {
  let s3: S3Client | undefined;
  const client = (app: AppDependencies): S3Client => (s3 ??= new S3Client({ forcePathStyle: app.config.s3ForcePathStyle }));
  let tools: ReturnType<typeof locateFfmpeg> | undefined;
  return {
    plan: (app) => ({
      sources: app.sources,
      files: app.trackedFiles,
      records: new DynamoFileProcessingRepository(makeTableContext({ tableName: app.config.tableName })),
      manifests: new S3ProcessingManifestStore(client(app), app.config.bucketName),
      progress: new DynamoRunProcessingProgress(makeTableContext({ tableName: app.config.tableName })),
    }),
    camera: (app) => {
      return {
        sources: app.sources,
        files: app.trackedFiles,
        records: new DynamoFileProcessingRepository(makeTableContext({ tableName: app.config.tableName })),
        manifests: new S3ProcessingManifestStore(client(app), app.config.bucketName),
        events: app.events,
        urls: new S3FootageUrls(client(app), app.config.bucketName),
        clock: app.clock,
        progress: new DynamoRunProcessingProgress(makeTableContext({ tableName: app.config.tableName })),
        cameraReads: app.cameraReads,
        clipsOnly: { ledger: app.storageLedger, tagger: app.tagger, queue: app.clippedFootage, clock: app.clock },
      };
    },
    open: async (app) => {
      tools ??= locateFfmpeg({
        ffmpegPath: env['VTRACK_FFMPEG'] || undefined,
        ffprobePath: env['VTRACK_FFPROBE'] || undefined,
        bundledDir: dirname(fileURLToPath(import.meta.url)),
        searchPath: env['PATH'],
      });
      const found = await tools;
      const probe = new FfmpegProbe(found);
      const reader = await WorkerBarcodeReader.create(zxingOptionsFor(defaultReaderSettings));
      return {
        processing: { probe, frameSource: new FfmpegFrameSource(found, { probe }), reader },
        clips: accountedClipStore(new S3ClipStore(client(app), app.config.bucketName, new FfmpegClipCutter(found, { probe })), app.storage),
        close: () => reader.close(),
      };
    },
  };
}
