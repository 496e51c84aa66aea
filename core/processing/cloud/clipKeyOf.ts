/**
 * Where an event's clip is stored: under the tenant's and the source's prefix,
 * beside (never inside) the cameras' footage folders (camera keys are slugs, so
 * `_clips` is no camera), so footage retention can leave clips alone.
 */
export function clipKeyOf(tenantId: string, sourceId: string, eventId: string): string {
  return `${tenantId}/${sourceId}/_clips/${eventId}.mp4`;
}
