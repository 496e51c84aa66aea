import type { CameraMappingConfig } from '../cameras/cameraMappingConfig';
import { pruneMapping } from '../cameras/pruneMapping';
import { withConnection, type ConnectionProviderDeps } from './connectionProvider';
import { previewCameraMapping } from './previewCameraMapping';

interface DriveConfig {
  readonly connectionId?: string | undefined;
  readonly folderIds: readonly string[];
  readonly mapping?: CameraMappingConfig | undefined;
}

/**
 * A Drive source's config as it is saved, whether from the web's form or any
 * other API client: when the chosen folders (or the layout, which decides the
 * camera keys) change, the renames and exclusions of cameras the folders no
 * longer have are dropped (pruneMapping). The cameras are found by the same
 * walk as the preview; a walk cut short (very large trees) cannot tell which
 * cameras are gone, so then everything is kept. Drive errors propagate: the
 * save changes nothing and says why.
 */
export async function mappingForChosenFolders<C extends DriveConfig>(deps: ConnectionProviderDeps, tenantId: string, before: DriveConfig | null, after: C): Promise<C> {
  const mapping = after.mapping;
  if (mapping === undefined || (Object.keys(mapping.renames).length === 0 && mapping.excluded.length === 0)) return after;
  if (before !== null && sameFolders(before.folderIds, after.folderIds) && (before.mapping?.layout ?? 'auto') === mapping.layout) return after;
  if (after.connectionId === undefined) return after;
  const detected = { ...mapping, renames: {}, excluded: [] };
  const preview = await withConnection(deps, tenantId, after.connectionId, (provider) => previewCameraMapping(provider, after.folderIds, detected));
  if (preview.truncated) return after;
  const pruned = pruneMapping(mapping, preview.cameras.map((camera) => camera.cameraId));
  return pruned === mapping ? after : { ...after, mapping: pruned };
}

function sameFolders(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}
