import { NotFoundError } from '../../core/errors';
import { runRefSchema, type RunTotals } from '../../core/sync/taskSchemas';
import { taskHandler } from '../middleware/taskHandler';
import { appDependencies, type AppDependencies } from '../wiring';

/**
 * sync-source → ListChanges: asks the source's provider what changed since its
 * cursor. No provider adapter is wired yet (Google Drive comes with its own
 * issue), so a run finds nothing to transfer and reports zero totals; the
 * machine around it — claim, run record, finish, reschedule — is complete.
 */
export function makeHandler(deps: () => Pick<AppDependencies, 'sources' | 'logger'>) {
  return taskHandler(
    'ListChanges',
    runRefSchema,
    async (input): Promise<RunTotals> => {
      const source = await deps().sources.get(input.tenantId, input.sourceId);
      if (source === null) throw new NotFoundError('source was deleted during the run', { context: { sourceId: input.sourceId } });
      return { filesDone: 0, filesFailed: 0, filesSkipped: 0, bytes: 0 };
    },
    () => deps().logger,
  );
}

export const handler = makeHandler(appDependencies);
