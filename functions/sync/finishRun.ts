import { describeFailure } from '../../core/sync/describeFailure';
import { finishRun } from '../../core/sync/finishRun';
import { finishRunInputSchema } from '../../core/sync/taskSchemas';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

const noTotals = { filesDone: 0, filesFailed: 0, filesSkipped: 0, bytes: 0 };

/** sync-source → FinishRun: records the outcome, releases the claim, schedules the next sync. */
export function makeHandler(deps: () => Pick<AppDependencies, 'sources' | 'runs' | 'clock' | 'logger'>) {
  return taskHandler(
    'FinishRun',
    finishRunInputSchema,
    async (input) => {
      const totals = input.totals ?? noTotals;
      const run = await finishRun(deps(), input, {
        status: input.failure === undefined ? 'succeeded' : 'failed',
        ...totals,
        error: input.failure === undefined ? null : describeFailure(input.failure),
      });
      return { status: run.status, durationMs: run.durationMs };
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
