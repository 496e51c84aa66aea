import type { AgentListingView } from '../api/agentsApi';
import type { CameraMappingConfig } from '../cameras/cameraMappingConfig';
import { previewCameraMapping } from '../google/previewCameraMapping';
import type { Agent } from './agent';
import { LISTING_ROOT_ID, listingProvider } from './listingProvider';
import { localFolderName } from '../cameras/localFolderCameras';

/**
 * What the Add source form shows for a folder on an agent: waiting for the
 * agent to list it, or its listing mapped to cameras with the same rules and
 * preview as a Drive source; the agent takes each file to the same camera
 * (core/cameras/localFolderCameras.ts). `mapping.timeZone` that is not a zone
 * is a ValidationError on `mapping.timeZone`.
 */
export async function agentListingView(agent: Pick<Agent, 'listingAnswer'>, path: string, mapping: CameraMappingConfig, agentOnline: boolean): Promise<AgentListingView> {
  const answer = agent.listingAnswer ?? null;
  if (answer === null || answer.path !== path) return { state: 'waiting', agentOnline, listedAt: null, error: null, errorCode: null, preview: null };
  if (answer.error !== null) return { state: 'ready', agentOnline, listedAt: answer.at, error: answer.error, errorCode: answer.errorCode ?? null, preview: null };
  const preview = await previewCameraMapping(listingProvider(answer, localFolderName(path)), [LISTING_ROOT_ID], mapping);
  return { state: 'ready', agentOnline, listedAt: answer.at, error: null, errorCode: null, preview: { ...preview, truncated: preview.truncated || answer.truncated } };
}
