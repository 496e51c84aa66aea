import { beginRun } from '../../core/sync/beginRun';
import { beginRunInputSchema } from '../../core/sync/taskSchemas';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/** sync-source → BeginRun: records the run as running; the state input passes through unchanged. */
export function makeHandler(deps: () => Pick<AppDependencies, 'runs' | 'sources' | 'clock' | 'logger'>) {
  return taskHandler(
    'BeginRun',
    beginRunInputSchema,
    async (input) => {
      const run = await beginRun(deps(), input);
      return { runId: run.id, startedAt: run.startedAt };
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
