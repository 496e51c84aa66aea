import type { Run } from '../api/types';
import { m } from '../../paraglide/messages.js';
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
      return { label: m.run_running(), tone: 'info' };
    case 'succeeded':
      return { label: m.run_succeeded(), tone: 'ok' };
    case 'finished_with_problems':
      return { label: m.run_finished_with_problems({ count: run.filesFailed }), tone: 'warn' };
    case 'failed':
      return { label: m.run_failed(), tone: 'danger' };
  }
}
