import type { ObjectKeyClaims } from '../ports/objectKeyClaims';
import { disambiguatedKey, footageObjectKey } from './objectKeyNaming';

/**
 * The S3 key of a file to take: the plain `<tenant>/<source>/<camera>/<day>/<name>`
 * when no other file of the source holds it, else the name with the file's id.
 * Claims are stored, so a file keeps its key across runs and retries.
 */
export async function assignObjectKey(
  claims: ObjectKeyClaims,
  ids: { tenantId: string; sourceId: string; providerFileId: string },
  parts: { cameraId: string; day: string | null; name: string },
): Promise<string> {
  const plain = footageObjectKey({ tenantId: ids.tenantId, sourceId: ids.sourceId, ...parts });
  if (await claims.claim(ids.tenantId, ids.sourceId, plain, ids.providerFileId)) return plain;
  const tagged = disambiguatedKey(plain, ids.providerFileId);
  if (await claims.claim(ids.tenantId, ids.sourceId, tagged, ids.providerFileId)) return tagged;
  throw new Error(`no free object key for file ${ids.providerFileId}`);
}
