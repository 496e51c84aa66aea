import type { ExportView } from '../api/eventsApi';
import { ValidationError } from '../errors';
import type { CameraNames } from '../events/cameraNames';
import { clipFileName, localTimeStamp } from '../events/clipFileName';
import type { ParcelEvent } from '../events/parcelEvent';
import type { SplitCodes } from '../events/splitCodeInput';
import type { ClipStorage } from '../ports/clipStorage';
import type { Clock } from '../ports/clock';
import type { EventRepository } from '../ports/eventRepository';
import type { IdGenerator } from '../ports/idGenerator';
import type { ObjectPruner } from '../ports/objectPruner';
import type { ObjectStore } from '../ports/objectStore';
import type { TimeZone } from '../time/timeZone';
import { writeMultipart } from './multipartSink';
import { resultsCsv, type ResultRow } from './resultsCsv';
import { zipStream, type ZipEntry } from './zipStream';

/** What one export may hold: it runs inside one API call, so it stays well within the call's time. */
export const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;
export const EXPORT_URL_SECONDS = 3600;
const EVENTS_PER_CODE = 20;

export interface ExportDeps {
  readonly events: EventRepository;
  readonly cameras: CameraNames;
  readonly clips: ClipStorage;
  readonly store: Pick<ObjectStore, 'createMultipartUpload' | 'uploadPart' | 'completeMultipartUpload' | 'abortMultipartUpload'>;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Removes the tenant's exports whose links have expired, after each new export. */
  readonly pruner: ObjectPruner;
}

/** Tag of export objects: on AWS a lifecycle rule (StorageStack) deletes them after a day even if the tenant never exports again. */
export const EXPORT_TAGS = { 'vtrack-kind': 'export' } as const;

const exportsPrefix = (tenantId: string): string => `${tenantId}/_exports/`;
/** `20250718T023003123`: sorts as time does, so a key's place in a listing is its age. */
const stamp = (at: Date): string => at.toISOString().replace(/[-:.Z]/g, '');

/** Where a tenant's exports are kept: under its own prefix, beside (never inside) its sources' footage; named by time first. */
export function exportObjectKey(tenantId: string, exportId: string, at: Date): string {
  return `${exportsPrefix(tenantId)}${stamp(at)}_${exportId}.zip`;
}

const wall = (iso: string, zone: TimeZone): string => localTimeStamp(iso, zone).replace('_', ' ').replace(/-(\d\d)-(\d\d)$/, ':$1:$2');

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n += 1) candidate = name.replace(/\.mp4$/, `_${n}.mp4`);
  taken.add(candidate);
  return candidate;
}

/**
 * The clips of many codes as one ZIP with `results.csv` first: the archive is
 * streamed from each clip object through the ZIP writer into a multipart upload,
 * so memory holds one part at a time whatever the archive's size. Answers a
 * short-lived URL of the archive.
 */
export async function exportClips(tenantId: string, split: SplitCodes, zone: TimeZone, deps: ExportDeps): Promise<ExportView> {
  const byCode = await deps.events.findByCodes(tenantId, split.codes, EVENTS_PER_CODE);
  const found = split.codes.map((code) => ({ code, events: byCode.get(code) ?? [] }));
  const rows: ResultRow[] = [];
  const clips: { event: ParcelEvent; name: string }[] = [];
  const named = new Map<string, string>();
  const taken = new Set<string>(['results.csv']);
  let total = 0;
  let withoutClip = 0;
  for (const { code, events } of found) {
    if (events.length === 0) rows.push({ code, status: 'not_found' });
    for (const event of events) {
      const camera = deps.cameras.ofEvent(event);
      const ready = event.clip.state === 'ready' && event.clip.s3Key !== null;
      let file = named.get(event.id);
      if (ready && file === undefined) {
        file = uniqueName(clipFileName({ code, cameraName: camera, clipStart: event.clipStart, zone }), taken);
        named.set(event.id, file);
        clips.push({ event, name: file });
        total += event.clip.bytes ?? 0;
      }
      if (!ready) withoutClip += 1;
      rows.push({
        code,
        status: 'found',
        camera,
        start: wall(event.start, zone),
        end: wall(event.end, zone),
        durationSec: Math.round((Date.parse(event.end) - Date.parse(event.start)) / 1000),
        clipState: event.clip.state,
        file: file ?? '',
        ...(event.clip.error === null ? {} : { note: event.clip.error }),
      });
    }
  }
  for (const rejected of split.rejected) rows.push({ code: rejected.input, status: 'rejected', note: rejected.reason });
  if (total > MAX_EXPORT_BYTES) {
    const mib = Math.ceil(total / 1024 / 1024);
    throw new ValidationError('codes', `codes: the clips of these codes add up to ${mib} MiB; one export takes at most 1,024 MiB, so export the list in parts`);
  }

  const now = deps.clock.now();
  const csv = new TextEncoder().encode(resultsCsv(rows));
  const entries: ZipEntry[] = [
    { name: 'results.csv', modified: now, data: async function* () { yield csv; } },
    ...clips.map(({ event, name }) => ({ name, modified: new Date(event.clipStart), data: () => deps.clips.read(event.clip.s3Key ?? '') })),
  ];
  const key = exportObjectKey(tenantId, deps.ids.newTimeOrderedId('exp', now), now);
  const { bytes } = await writeMultipart(deps.store, key, zipStream(entries), { contentType: 'application/zip', tags: EXPORT_TAGS });
  // Exports whose download links have expired are of no use to anyone: deleted now, the tenant's own only.
  await deps.pruner.deleteKeysBelow(exportsPrefix(tenantId), `${exportsPrefix(tenantId)}${stamp(new Date(now.getTime() - EXPORT_URL_SECONDS * 1000))}`);
  const fileName = `vtrack-export_${localTimeStamp(now.toISOString(), zone)}.zip`;
  const url = await deps.clips.signedGetUrl(key, { expiresInSec: EXPORT_URL_SECONDS, downloadName: fileName });
  return {
    url,
    fileName,
    expiresAt: new Date(now.getTime() + EXPORT_URL_SECONDS * 1000).toISOString(),
    bytes,
    clips: clips.length,
    found: found.filter((entry) => entry.events.length > 0).length,
    notFound: found.filter((entry) => entry.events.length === 0).length,
    withoutClip,
  };
}
