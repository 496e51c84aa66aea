import { planProcessing } from '../../core/processing/cloud/planProcessing';
import { runRefSchema } from '../../core/sync/taskSchemas';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';
import { processingWiring, type ProcessingWiring } from './processingWiring';

/**
 * sync-source → PlanProcessing: after the transfers, which stored files of the
 * source processing has not read yet (this run's and any backlog), one manifest
 * per camera. Returns `cameras` for the ProcessCameras map; empty when the
 * source's processing is off.
 */
export function makeHandler(deps: () => AppDependencies, wiring: ProcessingWiring = processingWiring()) {
  return taskHandler('PlanProcessing', runRefSchema, (ref) => planProcessing(wiring.plan(deps()), ref), () => deps().logger);
}

export const handler = makeHandler(appDependencies);
