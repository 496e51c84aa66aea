import { z } from 'zod';
import { processCameraStep } from '../../core/processing/cloud/processCameraStep';
import { MAX_STEPS_PER_CAMERA } from '../../core/processing/cloud/processingRounds';
import { runRefSchema } from '../../core/sync/taskSchemas';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';
import { processingWiring, type ProcessingWiring } from './processingWiring';

const inputSchema = runRefSchema.extend({
  cameraId: z.string().min(1).max(200),
  manifestKey: z.string().min(1).max(1024),
  offset: z.number().int().min(0).default(0),
  round: z.number().int().min(0).default(0),
  /** Steps this camera may take in this run (planProcessing); the MoreForCamera choice compares `round` with it. */
  maxSteps: z.number().int().min(1).max(MAX_STEPS_PER_CAMERA).default(MAX_STEPS_PER_CAMERA),
  /** Set after a step ran out of time with several files: one file a step from then on. */
  single: z.boolean().default(false),
  /** A long recording read in time slices: where its next slice starts (0: not slicing), and the events stored so far. */
  sliceFromSec: z.number().min(0).default(0),
  sliceEvents: z.number().int().min(0).default(0),
});

/** Footage one step takes at most: about 20 minutes of 720p camera footage, analysed well inside a 15-minute Lambda run. */
const MAX_BYTES_PER_STEP = 256 * 1024 * 1024;
const MAX_FILES_PER_STEP = 12;
/** A recording longer than this is read in slices of it, one a step: 20 minutes of footage, like MAX_BYTES_PER_STEP of 720p. */
const SLICE_SEC = 1200;
/** Kept back from the Lambda's limit to write what was found, cut clips and return. */
const STOP_MARGIN_MS = 120_000;

/**
 * sync-source → ProcessCameras → ProcessCamera: one step of one camera's
 * processing (core/processing/cloud/processCameraStep.ts). Returns its input
 * with the new `offset` and `remaining`, so the machine calls it again for the
 * rest of the camera's files, one step after another.
 */
export function makeHandler(deps: () => AppDependencies, wiring: ProcessingWiring = processingWiring()) {
  return taskHandler(
    'ProcessCamera',
    inputSchema,
    async (input, context) => {
      const app = deps();
      const camera = wiring.camera(app);
      const opened = await wiring.open(app);
      try {
        const result = await processCameraStep(
          { ...camera, processing: opened.processing, clips: opened.clips },
          input,
          {
            maxFiles: input.single ? 1 : MAX_FILES_PER_STEP,
            maxBytes: MAX_BYTES_PER_STEP,
            urlTtlSec: context.getRemainingTimeInMillis() / 1000 + 120,
            deadlineMs: app.clock.now().getTime() + Math.max(10_000, context.getRemainingTimeInMillis() - STOP_MARGIN_MS),
            maxSliceSec: SLICE_SEC,
          },
        );
        app.logger.info({ tenantId: input.tenantId, sourceId: input.sourceId, runId: input.runId, cameraId: input.cameraId, ...result }, 'camera step processed');
        return { ...input, single: input.single || result.single === true, offset: result.offset, sliceFromSec: result.sliceFromSec ?? 0, sliceEvents: result.sliceEvents ?? 0, round: input.round + 1, remaining: result.remaining, processed: result.processed, unprocessable: result.unprocessable, events: result.events };
      } finally {
        await opened.close();
      }
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
