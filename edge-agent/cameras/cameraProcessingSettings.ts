import type { AgentConfig } from '../../core/edge/agentConfigSchema';
import { defaultProcessingSettings, type ProcessingSettings } from '../../core/sources/processingSettings';

/**
 * How a recorded camera's segments are processed on site: on, with the
 * defaults, reading only the camera's region of interest when it has one
 * (drawn on its snapshot in the web app). Undefined when `sourceId` is not a
 * camera's footage source (a local folder: its own settings apply).
 */
export function cameraProcessingSettings(config: AgentConfig | null, sourceId: string): ProcessingSettings | undefined {
  const camera = config?.cameras?.find((candidate) => candidate.sourceId === sourceId);
  if (camera === undefined) return undefined;
  return { ...defaultProcessingSettings, enabled: true, roi: camera.roi };
}
