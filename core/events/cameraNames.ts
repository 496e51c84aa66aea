import type { Source } from '../sources/source';

/** The tenant's name for each camera (`renames` of its source's mapping), falling back to the camera's id. */
export interface CameraNames {
  nameOf(sourceId: string, cameraId: string): string;
}

export function cameraNamesOf(sources: readonly Source[]): CameraNames {
  const renames = new Map<string, Readonly<Record<string, string>>>();
  for (const source of sources) {
    const mapping = 'mapping' in source.config ? source.config.mapping : undefined;
    if (mapping !== undefined) renames.set(source.id, mapping.renames);
  }
  return { nameOf: (sourceId, cameraId) => renames.get(sourceId)?.[cameraId] ?? cameraId };
}
