import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { SampleOfferView } from '../../../core/api/sampleOfferApi';
import type { LocalRoute } from '../http/localRoute';
import type { LocalAgentProcesses } from './localAgentProcesses';



interface SampleManifest {
  readonly cameraFolder: string;
  readonly timeZone: string;
  readonly files: readonly string[];
  readonly codes: readonly string[];
}

/**
 * The newcomer's first source on `npm start`: a folder on this machine holding
 * the sample packing footage that ships in infra/local/sample, watched by this
 * machine's own edge agent. Accepting goes through the same public routes the
 * web app and a site install use: an agent is made (`POST /api/agents`), the
 * real `vtrack-agent enrol` takes its code, a local-folder source is made for
 * it (`POST /api/sources`), and the agent starts and finds it in its
 * configuration. Asking twice gives the same source.
 */
export function sampleOfferRoutes(options: { readonly repoRoot: string; readonly dataDir: string; readonly apiUrl: () => string; readonly agents: LocalAgentProcesses }): Record<string, LocalRoute> {
  const sampleDir = path.join(options.repoRoot, 'infra', 'local', 'sample');
  const pending = new Map<string, Promise<{ status: number; body: unknown }>>();
  const manifest = async (): Promise<SampleManifest> => JSON.parse(await readFile(path.join(sampleDir, 'sample.json'), 'utf8')) as SampleManifest;
  const folderOf = (tenantId: string): string => path.join(options.dataDir, 'sample-footage', tenantId);

  const api = async (bearer: string, method: string, pathname: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(new URL(pathname, options.apiUrl()), {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
  };

  const current = async (bearer: string, tenantId: string): Promise<SampleOfferView> => {
    const { codes } = await manifest();
    const listed = await api(bearer, 'GET', '/api/sources');
    const items = (listed.body['items'] ?? []) as { id: string; type: string; config: { path?: string } }[];
    const source = items.find((item) => item.type === 'local' && item.config.path === folderOf(tenantId));
    return { state: source === undefined ? 'offered' : 'accepted', sourceId: source?.id ?? null, agentId: await options.agents.enrolledAgentId(tenantId), codes };
  };

  const accept = async (bearer: string, tenantId: string): Promise<{ status: number; body: unknown }> => {
    const before = await current(bearer, tenantId);
    if (before.state === 'accepted') {
      await options.agents.ensureRunning(tenantId);
      return { status: 200, body: before };
    }
    const sample = await manifest();
    // Copied under a hidden name and renamed: the watcher never sees half a file.
    const cameraFolder = path.join(folderOf(tenantId), sample.cameraFolder);
    await mkdir(cameraFolder, { recursive: true });
    for (const name of sample.files) {
      await copyFile(path.join(sampleDir, name), path.join(cameraFolder, `.${name}.part`));
      await rename(path.join(cameraFolder, `.${name}.part`), path.join(cameraFolder, name));
    }
    let agentId = await options.agents.enrolledAgentId(tenantId);
    if (agentId === null) {
      const made = await api(bearer, 'POST', '/api/agents', { name: 'This computer (npm start)' });
      if (made.status !== 201) return made;
      await options.agents.enrol(tenantId, String(made.body['code']));
      agentId = await options.agents.enrolledAgentId(tenantId);
    }
    const created = await api(bearer, 'POST', '/api/sources', {
      type: 'local',
      name: 'Sample footage',
      intervalMinutes: 60,
      config: {
        path: folderOf(tenantId),
        ...(agentId === null ? {} : { agentId }),
        // The sample is complete when copied: no need for the default two minutes of quiet.
        settleSeconds: 5,
        mapping: { layout: 'auto', timeZone: sample.timeZone, renames: {}, excluded: [] },
        processing: { enabled: true },
      },
    });
    if (created.status !== 201) return created;
    // Started after the source exists, so its first configuration pull already holds it.
    await options.agents.ensureRunning(tenantId);
    return { status: 201, body: { state: 'accepted', sourceId: String(created.body['id']), agentId, codes: sample.codes } satisfies SampleOfferView };
  };

  return {
    'GET /api/local/sample': async ({ bearer, tenantId }) => ({ status: 200, body: await current(bearer, tenantId) }),
    'POST /api/local/sample': ({ bearer, tenantId }) => {
      // Two clicks at once make one source.
      const running = pending.get(tenantId) ?? accept(bearer, tenantId).finally(() => pending.delete(tenantId));
      pending.set(tenantId, running);
      return running;
    },
  };
}
