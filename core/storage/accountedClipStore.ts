import type { ClipStore } from '../ports/clipStore';
import type { StorageRecorder } from '../ports/storageRecorder';
import { tenantOfKey } from './usageDay';

/** `<tenant>/<source>/_clips/<eventId>.mp4` → its parts. */
function clipKeyParts(key: string): { tenantId: string; sourceId: string; eventId: string } | null {
  const match = /^([^/]+)\/([^/]+)\/_clips\/(.+)\.mp4$/.exec(key);
  return match === null ? null : { tenantId: match[1]!, sourceId: match[2]!, eventId: match[3]! };
}

/**
 * A ClipStore whose clips are tagged with the clip retention of their source
 * (or `hold` for an order under a keep flag) and counted in the tenant's usage
 * as they are cut, and taken off when the clips of orders that are gone are removed.
 */
export function accountedClipStore(inner: ClipStore, storage: StorageRecorder): ClipStore {
  return {
    store: async (request, signal) => {
      const cut = await inner.store(request, signal);
      const parts = clipKeyParts(request.key);
      if (parts !== null) {
        await storage.stored({ ...parts, cameraId: request.cameraId ?? '', key: request.key, kind: 'clip', bytes: cut.bytes });
      }
      return cut;
    },
    remove: async (keys) => {
      await inner.remove(keys);
      const byTenant = new Map<string, string[]>();
      for (const key of keys) byTenant.set(tenantOfKey(key), [...(byTenant.get(tenantOfKey(key)) ?? []), key]);
      for (const [tenantId, tenantKeys] of byTenant) await storage.removed(tenantId, tenantKeys);
    },
  };
}
