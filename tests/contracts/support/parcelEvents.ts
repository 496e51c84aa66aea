import type { ParcelEvent } from '../../../core/events/parcelEvent';
import { parcelEventId } from '../../../core/events/parcelEventId';
import type { CameraWindow } from '../../../core/ports/eventRepository';

export const T = 'ten_contract';
export const S = 'src_contract';
export const CAM = 'cam1';
const DAY = Date.parse('2025-07-18T02:00:00.000Z');

/** ISO time `minutes` after 02:00 UTC on the test day. */
export const min = (minutes: number): string => new Date(DAY + minutes * 60_000).toISOString();

export function window(fromMin: number, toMin: number, over: Partial<CameraWindow> = {}): CameraWindow {
  return { tenantId: T, sourceId: S, cameraId: CAM, from: min(fromMin), to: min(toMin), ...over };
}

/** One stored order: codes in view from `startMin` for `lengthMin` minutes, on `cam1` of the contract source unless told. */
export function parcelEvent(codes: readonly string[], startMin: number, over: Partial<ParcelEvent> & { lengthMin?: number } = {}): ParcelEvent {
  const { lengthMin = 0.5, ...rest } = over;
  const tenantId = rest.tenantId ?? T;
  const sourceId = rest.sourceId ?? S;
  const cameraId = rest.cameraId ?? CAM;
  const startMs = DAY + startMin * 60_000;
  return {
    tenantId,
    id: parcelEventId({ sourceId, cameraId, startMs, firstCode: codes[0] }),
    sourceId,
    cameraId,
    trackingCodes: codes,
    start: min(startMin),
    end: min(startMin + lengthMin),
    clipStart: new Date(startMs - 2000).toISOString(),
    clipEnd: new Date(startMs + lengthMin * 60_000 + 2000).toISOString(),
    files: [{ providerFileId: 'file-1', s3Key: `${tenantId}/${sourceId}/Cam1/a.mp4`, name: 'Cam1_20250718_090000.mp4', fromSec: startMin * 60, toSec: (startMin + lengthMin) * 60 }],
    labelSighting: { atClipSec: 2, bbox: { x: 10, y: 20, width: 300, height: 120 } },
    clip: { state: 'ready', s3Key: `${tenantId}/clips/${sourceId}/x.mp4`, bytes: 123_456, error: null },
    truncated: false,
    processedAt: '2025-07-18T03:00:00.000Z',
    ...rest,
  };
}

export const idsOf = (events: readonly ParcelEvent[]): string[] => events.map((event) => event.id);
