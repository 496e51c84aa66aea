import type { CameraMappingConfig } from './cameraMappingConfig';

/**
 * Keeps only the renames and exclusions of cameras the chosen folders still
 * have: after the folders change, an old exclusion would otherwise silently
 * skip a new camera's videos that happen to get the same key. Returns the
 * mapping itself when nothing is dropped.
 */
export function pruneMapping(mapping: CameraMappingConfig, cameraIds: readonly string[]): CameraMappingConfig {
  const present = new Set(cameraIds);
  const renames = Object.fromEntries(Object.entries(mapping.renames).filter(([id]) => present.has(id)));
  const excluded = mapping.excluded.filter((id) => present.has(id));
  if (Object.keys(renames).length === Object.keys(mapping.renames).length && excluded.length === mapping.excluded.length) return mapping;
  return { ...mapping, renames, excluded };
}
