import { ValidationError } from '../../core/errors';
import { checkCameraWindow, checkEventsForWindow, checkLimit, MIN_CODE_PREFIX, newestFirst } from '../../core/events/checkEventsForWindow';
import { normalizeTrackingCode } from '../../core/events/normalizeTrackingCode';
import type { ParcelEvent } from '../../core/events/parcelEvent';
import type { CameraWindow, EventRepository } from '../../core/ports/eventRepository';

const inWindow = (event: ParcelEvent, window: CameraWindow): boolean =>
  event.tenantId === window.tenantId &&
  event.sourceId === window.sourceId &&
  event.cameraId === window.cameraId &&
  event.start >= window.from &&
  event.start < window.to;

const oldestFirst = (a: ParcelEvent, b: ParcelEvent): number => -newestFirst(a, b);

/**
 * An EventRepository in memory, for unit tests of processing and search. Passes
 * the same contract suite as the DynamoDB one (tests/contracts).
 */
export class MemoryEventRepository implements EventRepository {
  private readonly events = new Map<string, ParcelEvent>();

  async replaceWindow(window: CameraWindow, events: readonly ParcelEvent[]): Promise<readonly string[]> {
    checkEventsForWindow(window, events);
    const before = [...this.events.values()].filter((event) => inWindow(event, window));
    for (const event of before) this.events.delete(this.key(event.tenantId, event.id));
    for (const event of events) this.events.set(this.key(event.tenantId, event.id), structuredClone(event));
    const kept = new Set(events.map((event) => event.id));
    return before.filter((event) => !kept.has(event.id)).map((event) => event.id);
  }

  async get(tenantId: string, eventId: string): Promise<ParcelEvent | null> {
    return this.events.get(this.key(tenantId, eventId)) ?? null;
  }

  async findByCode(tenantId: string, code: string, limit: number): Promise<readonly ParcelEvent[]> {
    checkLimit(limit);
    const normal = normalizeTrackingCode(code);
    return this.ofTenant(tenantId)
      .filter((event) => event.trackingCodes.includes(normal))
      .sort(newestFirst)
      .slice(0, limit);
  }

  async findByCodes(tenantId: string, codes: readonly string[], limitPerCode: number): Promise<ReadonlyMap<string, readonly ParcelEvent[]>> {
    checkLimit(limitPerCode);
    const asked = [...new Set(codes.map(normalizeTrackingCode).filter((code) => code !== ''))];
    return new Map(await Promise.all(asked.map(async (code) => [code, await this.findByCode(tenantId, code, limitPerCode)] as const)));
  }

  async findByCodePrefix(tenantId: string, prefix: string, limit: number): Promise<readonly ParcelEvent[]> {
    checkLimit(limit);
    const normal = normalizeTrackingCode(prefix);
    if (normal.length < MIN_CODE_PREFIX) throw new ValidationError('prefix', `a code prefix needs at least ${MIN_CODE_PREFIX} characters`);
    return this.ofTenant(tenantId)
      .filter((event) => event.trackingCodes.some((code) => code.startsWith(normal)))
      .sort(newestFirst)
      .slice(0, limit);
  }

  async listByCamera(window: CameraWindow, limit: number): Promise<readonly ParcelEvent[]> {
    checkCameraWindow(window);
    checkLimit(limit);
    return [...this.events.values()].filter((event) => inWindow(event, window)).sort(oldestFirst).slice(0, limit);
  }

  async updateClip(tenantId: string, eventId: string, clip: ParcelEvent['clip']): Promise<void> {
    const event = this.events.get(this.key(tenantId, eventId));
    if (event !== undefined) this.events.set(this.key(tenantId, eventId), { ...event, clip: structuredClone(clip) });
  }

  async deleteBySource(tenantId: string, sourceId: string): Promise<number> {
    const doomed = this.ofTenant(tenantId).filter((event) => event.sourceId === sourceId);
    for (const event of doomed) this.events.delete(this.key(tenantId, event.id));
    return doomed.length;
  }

  private ofTenant(tenantId: string): ParcelEvent[] {
    return [...this.events.values()].filter((event) => event.tenantId === tenantId);
  }

  private key(tenantId: string, eventId: string): string {
    return JSON.stringify([tenantId, eventId]);
  }
}
