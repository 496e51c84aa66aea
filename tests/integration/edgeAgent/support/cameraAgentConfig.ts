import { agentConfigSchema, type AgentConfig } from '../../../../core/edge/agentConfigSchema';

/**
 * An agent configuration that records only the given cameras (no folder
 * sources, no upload limits, room on disk), as the camera suites need it; a
 * camera's own defaults (segment length, schedule, capture) come from the schema.
 */
export function cameraAgentConfig(cameras: readonly Record<string, unknown>[], revision = 1): AgentConfig {
  return agentConfigSchema.parse({
    revision,
    timeZone: 'Asia/Ho_Chi_Minh',
    sources: [],
    uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
    disk: { maxUsedBytes: 5_000_000_000, minFreeBytes: 0, keepDaysAfterUpload: 7, whenFull: 'drop_oldest' },
    heartbeatSeconds: 60,
    cameras,
  });
}
