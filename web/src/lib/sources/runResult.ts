import type { Run } from '../api/types';
import { plural } from '../format/plural';
import type { StatusTone } from './labels';

/**
 * How a run went, in words and a tone: a run that ended with failed files is
 * "Finished with N problems" (a warning), never a green "Succeeded". An older
 * server without `outcome` is judged by its failed count.
 */
export function runResult(run: Run): { label: string; tone: StatusTone } {
  const outcome = run.outcome ?? (run.status === 'succeeded' && run.filesFailed > 0 ? 'finished_with_problems' : run.status);
  switch (outcome) {
    case 'running':
      return { label: 'Running', tone: 'info' };
    case 'succeeded':
      return { label: 'Succeeded', tone: 'ok' };
    case 'finished_with_problems':
      return { label: `Finished with ${plural(run.filesFailed, 'problem')}`, tone: 'warn' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
  }
}
