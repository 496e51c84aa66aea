import type { HealthView } from '../../core/api/authApi';
import { defaultLogger } from '../logging/defaultLogger';
import { publicHttpHandler } from '../middleware/httpApiHandler';
import { json } from '../middleware/httpTypes';

/** A service the deployment depends on and that can be asked whether it answers (local mode: each stand-in). */
export interface HealthProbe {
  readonly name: string;
  readonly endpoint: string;
}

const PROBE_TIMEOUT_MS = 2_000;

/**
 * `GET /api/health`. In AWS it answers without touching any dependency (the
 * function has no data permissions), for load balancers and smoke tests. In
 * local mode the stack names its stand-ins in `LOCAL_STANDIN_ENDPOINTS`
 * (`s3=http://127.0.0.1:1234,dynamodb=…`); each is asked over HTTP, the answer
 * says which are up, and one that is down makes it 503.
 */
export function makeHandler(deps: { logger: typeof defaultLogger; probes: () => readonly HealthProbe[]; fetch?: typeof fetch }) {
  const doFetch = deps.fetch ?? fetch;
  return publicHttpHandler(
    {
      'GET /api/health': async () => {
        const probes = deps.probes();
        if (probes.length === 0) return json(200, { status: 'ok' } satisfies HealthView);
        const results = await Promise.all(probes.map(async (probe) => [probe.name, await ask(doFetch, probe.endpoint)] as const));
        const allUp = results.every(([, state]) => state === 'up');
        return json(allUp ? 200 : 503, { status: allUp ? 'ok' : 'unavailable', standIns: Object.fromEntries(results) } satisfies HealthView);
      },
    },
    deps.logger,
  );
}

/** 'up' when anything answers over HTTP (whatever the status), else 'down: <why>'. */
async function ask(doFetch: typeof fetch, endpoint: string): Promise<string> {
  try {
    const response = await doFetch(endpoint, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return 'up';
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return `down: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

/** `name=url,name=url` → probes; anything else is ignored. */
export function parseHealthProbes(value: string | undefined): HealthProbe[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').flatMap((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) return [];
    return [{ name: pair.slice(0, at).trim(), endpoint: pair.slice(at + 1).trim() }];
  });
}

export const handler = makeHandler({ logger: defaultLogger, probes: () => parseHealthProbes(process.env['LOCAL_STANDIN_ENDPOINTS']) });
