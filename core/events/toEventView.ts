import type { EventView } from '../api/eventsApi';
import type { ParcelEvent } from './parcelEvent';

/** What the API shows of a stored event; `cameraName` is the tenant's name for the camera (its id when unnamed). */
export function toEventView(event: ParcelEvent, cameraName: string): EventView {
  return {
    id: event.id,
    sourceId: event.sourceId,
    cameraId: event.cameraId,
    cameraName,
    trackingCodes: event.trackingCodes,
    start: event.start,
    end: event.end,
    durationSec: Math.max(0, Math.round((Date.parse(event.end) - Date.parse(event.start)) / 100) / 10),
    clipStart: event.clipStart,
    clipEnd: event.clipEnd,
    clipState: event.clip.state,
    labelSighting: event.labelSighting,
    truncated: event.truncated,
  };
}
