import { edgeClipKey, edgeFileId } from '../edge/agentObjectKeys';
import { ValidationError } from '../errors';
import type { ParcelEvent } from '../events/parcelEvent';
import { normalizeTrackingCode } from '../events/normalizeTrackingCode';
import type { CameraReadCounters } from '../ports/cameraReadCounters';
import type { Clock } from '../ports/clock';
import type { EventRepository } from '../ports/eventRepository';
import type { ObjectKeyClaims } from '../ports/objectKeyClaims';
import type { ObjectStore } from '../ports/objectStore';
import type { SourceRepository } from '../ports/sourceRepository';
import { assignObjectKey } from '../sync/assignObjectKey';
import type { Agent } from './agent';
import type { AgentEventsBody } from './agentEventsSchema';
import { agentSource } from './agentUploads';

export interface AgentEventsDeps {
  readonly events: EventRepository;
  readonly sources: SourceRepository;
  readonly objectKeys: ObjectKeyClaims;
  readonly objectStore: Pick<ObjectStore, 'headObject'>;
  readonly clock: Clock;
  /** The camera's read counters (camera health); absent: not counted. */
  readonly cameraReads?: CameraReadCounters;
}

const iso = (text: string): string => new Date(text).toISOString();

/**
 * Stores the events of one camera window an agent processed, through the same
 * EventRepository as cloud processing. The tenant is the agent's; clip and
 * footage keys are the cloud's own (a clip counts as ready only when its object
 * is there); codes are normalised. Returns the ids of events the window no longer has.
 */
export async function storeAgentEvents(agent: Agent, body: AgentEventsBody, deps: AgentEventsDeps): Promise<readonly string[]> {
  await agentSource(agent, body.sourceId, deps.sources);
  const from = Date.parse(body.from);
  const to = Date.parse(body.to);
  if (!(from < to)) throw new ValidationError('to', 'to: must be after from');
  const processedAt = deps.clock.now().toISOString();
  const events: ParcelEvent[] = [];
  for (const [index, wire] of body.events.entries()) {
    const start = Date.parse(wire.start);
    if (start < from || start >= to) throw new ValidationError(`events.${index}.start`, `events.${index}.start: must lie in the window [from, to)`);
    if (Date.parse(wire.end) < start) throw new ValidationError(`events.${index}.end`, `events.${index}.end: must not be before start`);
    const codes = [...new Set(wire.trackingCodes.map(normalizeTrackingCode).filter((code) => code !== ''))];
    if (codes.length === 0) throw new ValidationError(`events.${index}.trackingCodes`, `events.${index}.trackingCodes: no code is left after normalising`);
    const files = [];
    for (const part of wire.files) {
      const s3Key = part.uploaded
        ? await assignObjectKey(deps.objectKeys, { tenantId: agent.tenantId, sourceId: body.sourceId, providerFileId: edgeFileId(part.fileId) }, { cameraId: body.cameraId, day: part.day, name: part.name })
        : '';
      files.push({ providerFileId: edgeFileId(part.fileId), s3Key, name: part.name, fromSec: part.fromSec, toSec: part.toSec });
    }
    const clipKey = edgeClipKey({ tenantId: agent.tenantId, sourceId: body.sourceId, cameraId: body.cameraId, eventId: wire.id });
    const head = wire.clipUploaded ? await deps.objectStore.headObject(clipKey) : null;
    if (wire.clipUploaded && head === null) throw new ValidationError(`events.${index}.clipUploaded`, `events.${index}.clipUploaded: no clip was uploaded for event ${wire.id}`);
    events.push({
      tenantId: agent.tenantId,
      id: wire.id,
      sourceId: body.sourceId,
      cameraId: body.cameraId,
      trackingCodes: codes,
      start: iso(wire.start),
      end: iso(wire.end),
      clipStart: iso(wire.clipStart),
      clipEnd: iso(wire.clipEnd),
      files,
      labelSighting: wire.labelSighting,
      clip:
        head === null
          ? { state: 'failed', s3Key: null, bytes: null, error: 'the clip could not be cut on site' }
          : { state: 'ready', s3Key: clipKey, bytes: head.size, error: null },
      truncated: wire.truncated,
      processedAt,
    });
  }
  const removed = await deps.events.replaceWindow({ tenantId: agent.tenantId, sourceId: body.sourceId, cameraId: body.cameraId, from: iso(body.from), to: iso(body.to) }, events);
  // One window is one processed file on site: the same window sent again replaces its count.
  await deps.cameraReads?.record({
    tenantId: agent.tenantId,
    sourceId: body.sourceId,
    cameraId: body.cameraId,
    agentId: agent.id,
    unitId: `${body.cameraId}#${iso(body.from)}#${iso(body.to)}`,
    day: iso(body.from).slice(0, 10),
    codes: events.length,
    failures: 0,
    footageSec: Math.round((to - from) / 1000),
  });
  return removed;
}
