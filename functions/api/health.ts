import type { HealthView } from '../../core/api/authApi';
import { defaultLogger } from '../logging/defaultLogger';
import { publicHttpHandler } from '../middleware/httpApiHandler';
import { json } from '../middleware/httpTypes';

/** `GET /api/health`: answers without touching any dependency, for load balancers and smoke tests. */
export function makeHandler(deps: { logger: typeof defaultLogger }) {
  return publicHttpHandler({ 'GET /api/health': () => Promise.resolve(json(200, { status: 'ok' } satisfies HealthView)) }, deps.logger);
}

export const handler = makeHandler({ logger: defaultLogger });
