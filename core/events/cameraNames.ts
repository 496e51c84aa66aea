import { cameraNameOf } from '../cameras/cameraNameOf';
import type { Source } from '../sources/source';
import type { ParcelEvent } from './parcelEvent';

/**
 * The names people see for cameras: the tenant's rename (`renames` of its source's mapping), else,
 * for a camera added from the Cameras page, the name the shop gave it (its own `onvif` source
 * carries it and is renamed with it), else the name it was detected from, else its id.
 */
export interface CameraNames {
  nameOf(sourceId: string, cameraId: string): string;
  /** An order's camera: as nameOf, and when not renamed, the camera's name as its recordings' file names give it ("Cam1", not the key "cam1"). */
  ofEvent(event: Pick<ParcelEvent, 'sourceId' | 'cameraId' | 'files'>): string;
}

export function cameraNamesOf(sources: readonly Source[]): CameraNames {
  const renames = new Map<string, Readonly<Record<string, string>>>();
  // One camera per source, recorded by the agent into segments named by the camera's id.
  const namedCameras = new Map<string, string>();
  for (const source of sources) {
    const mapping = 'mapping' in source.config ? source.config.mapping : undefined;
    if (mapping !== undefined) renames.set(source.id, mapping.renames);
    if (source.type === 'onvif') namedCameras.set(source.id, source.name);
  }
  const nameOf = (sourceId: string, cameraId: string): string => renames.get(sourceId)?.[cameraId] ?? namedCameras.get(sourceId) ?? cameraId;
  return {
    nameOf,
    ofEvent: (event) => {
      if (namedCameras.has(event.sourceId)) return nameOf(event.sourceId, event.cameraId);
      const renamed = renames.get(event.sourceId) ?? {};
      for (const file of event.files) {
        const name = cameraNameOf({ cameraId: event.cameraId, name: file.name, relativePath: file.name }, renamed);
        if (name !== null && name !== event.cameraId) return name;
      }
      return nameOf(event.sourceId, event.cameraId);
    },
  };
}
