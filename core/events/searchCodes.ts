import type { CodeSearchView } from '../api/eventsApi';
import type { EventRepository } from '../ports/eventRepository';
import type { CameraNames } from './cameraNames';
import type { SplitCodes } from './splitCodeInput';
import { toEventView } from './toEventView';

/** Events listed per found code: an order packed again (a re-pack) shows up to this many times. */
export const EVENTS_PER_CODE = 20;

/** Every asked code once: found ones with their events newest first, the rest not found. */
export async function searchCodes(
  tenantId: string,
  split: SplitCodes,
  deps: { readonly events: EventRepository; readonly cameras: CameraNames },
): Promise<CodeSearchView> {
  const byCode = await deps.events.findByCodes(tenantId, split.codes, EVENTS_PER_CODE);
  const results = split.codes.map((code) => ({ code, events: byCode.get(code) ?? [] }));
  const found: CodeSearchView['found'][number][] = [];
  const notFound: string[] = [];
  for (const { code, events } of results) {
    if (events.length === 0) notFound.push(code);
    else found.push({ code, events: events.map((event) => toEventView(event, deps.cameras.ofEvent(event))) });
  }
  return { found, notFound, rejected: split.rejected };
}
