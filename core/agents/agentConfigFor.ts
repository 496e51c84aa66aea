import { createHash } from 'node:crypto';
import { agentConfigSchema, type AgentConfig } from '../edge/agentConfigSchema';
import type { AgentCamera } from '../edge/agentCameraSchema';
import { processingSettingsOf } from '../sources/processingSettings';
import type { Source } from '../sources/source';
import type { Agent } from './agent';
import { cameraDiscoveryWanted } from './cameraDiscoveryWanted';

/**
 * Until tenants can change them in the web app, every agent gets these (see
 * docs/EDGE-AGENT.md); whether a local source's originals go up follows that
 * source's order settings (`keep`), not `uploads.keepOriginals`.
 */
const defaults = {
  uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
  disk: { maxUsedBytes: 50_000_000_000, minFreeBytes: 5_000_000_000, keepDaysAfterUpload: 3, whenFull: 'refuse_new' as const },
  heartbeatSeconds: 60,
  settleSeconds: 120,
};

/**
 * The configuration an agent pulls: the tenant's local-folder sources assigned
 * to it, and its upload and disk rules. `revision` grows whenever the content
 * changes, whatever changed it (a source edited, deleted or moved to another
 * agent): the content is hashed and compared with what was last handed out.
 */
export function agentConfigFor(
  agent: Agent,
  sources: readonly Source[],
  tenantTimeZone: string | null,
  nowMs: number,
  /** The cameras this agent records (core/cameras/agentCamerasFor.ts), passwords opened for it. */
  cameras: readonly AgentCamera[] = [],
  /** When someone last opened the Cameras page (core/cameras/cameraOnboarding.ts noteInterest): asking the agents to look for cameras. */
  discoveryAskedAt: string | null = null,
): { config: AgentConfig; hash: string; changed: boolean } {
  const content = {
    timeZone: tenantTimeZone ?? 'UTC',
    sources: sources
      .flatMap((source) => (source.type === 'local' && 'path' in source.config && source.config.agentId === agent.id ? [{ source, config: source.config }] : []))
      .map(({ source, config }) => ({
        sourceId: source.id,
        type: 'local' as const,
        name: source.name,
        paused: source.status === 'paused',
        config: localFolderConfig(config),
        // The source's own choice, as for Drive footage: clips only leaves the originals on site.
        keepOriginals: processingSettingsOf(source.config).keep === 'clips_and_footage',
      }))
      .sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1)),
    ...defaults,
    // Absent rather than false when off, so the configuration of an agent that never looks stays as it was.
    ...(cameraDiscoveryWanted({ agent, cameraCount: cameras.length, askedAt: discoveryAskedAt, nowMs }) ? { discoverCameras: true } : {}),
  };
  // Passwords stay out of the stored hash (a hash of a short password can be guessed); a password changes only with a camera added again.
  const sorted = [...cameras].sort((a, b) => (a.cameraId < b.cameraId ? -1 : 1));
  const hashed = { ...content, ...(sorted.length > 0 ? { cameras: sorted.map((camera) => ({ ...camera, password: '' })) } : {}) };
  const hash = createHash('sha256').update(JSON.stringify(hashed)).digest('hex');
  const previous = agent.config;
  const changed = previous?.hash !== hash;
  const revision = !changed && previous !== null ? previous.revision : Math.max((previous?.revision ?? 0) + 1, nowMs);
  return { config: agentConfigSchema.parse({ revision, ...content, ...(sorted.length > 0 ? { cameras: sorted } : {}) }), hash, changed };
}

function localFolderConfig(config: Omit<AgentConfig['sources'][number]['config'], 'agentId'> & { agentId?: string | undefined }) {
  return {
    path: config.path,
    ...(config.mapping ? { mapping: config.mapping } : {}),
    ...(config.settleSeconds === undefined ? {} : { settleSeconds: config.settleSeconds }),
    ...(config.processing === undefined ? {} : { processing: config.processing }),
  };
}
