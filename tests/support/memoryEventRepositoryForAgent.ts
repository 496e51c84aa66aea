import type { ParcelEvent } from '../../core/events/parcelEvent';
import type { CameraWindow, EventRepository } from '../../core/ports/eventRepository';

/**
 * An in-memory EventRepository with the port's replaceWindow semantics, for the
 * agent's events route until the DynamoDB one is on main. Tenant-scoped like the real one.
 */
export class MemoryEventRepositoryForAgent implements EventRepository {
  readonly items = new Map<string, ParcelEvent>();
  readonly windows: CameraWindow[] = [];

  private key(tenantId: string, id: string): string {
    return `${tenantId}\n${id}`;
  }

  replaceWindow(window: CameraWindow, events: readonly ParcelEvent[]): Promise<readonly string[]> {
    this.windows.push(window);
    const keep = new Set(events.map((event) => event.id));
    const removed: string[] = [];
    for (const event of [...this.items.values()]) {
      const inWindow = event.tenantId === window.tenantId && event.sourceId === window.sourceId && event.cameraId === window.cameraId && event.start >= window.from && event.start < window.to;
      if (!inWindow) continue;
      this.items.delete(this.key(event.tenantId, event.id));
      if (!keep.has(event.id)) removed.push(event.id);
    }
    for (const event of events) this.items.set(this.key(event.tenantId, event.id), event);
    return Promise.resolve(removed);
  }

  get(tenantId: string, eventId: string): Promise<ParcelEvent | null> {
    return Promise.resolve(this.items.get(this.key(tenantId, eventId)) ?? null);
  }

  findByCode(tenantId: string, code: string, limit: number): Promise<readonly ParcelEvent[]> {
    return Promise.resolve(this.ofTenant(tenantId).filter((event) => event.trackingCodes.includes(code)).slice(0, limit));
  }

  findByCodePrefix(tenantId: string, prefix: string, limit: number): Promise<readonly ParcelEvent[]> {
    return Promise.resolve(this.ofTenant(tenantId).filter((event) => event.trackingCodes.some((code) => code.startsWith(prefix))).slice(0, limit));
  }

  listByCamera(window: CameraWindow, limit: number): Promise<readonly ParcelEvent[]> {
    const events = this.ofTenant(window.tenantId).filter((event) => event.sourceId === window.sourceId && event.cameraId === window.cameraId && event.start >= window.from && event.start < window.to);
    return Promise.resolve(events.sort((a, b) => a.start.localeCompare(b.start)).slice(0, limit));
  }

  updateClip(tenantId: string, eventId: string, clip: ParcelEvent['clip']): Promise<void> {
    const event = this.items.get(this.key(tenantId, eventId));
    if (event !== undefined) this.items.set(this.key(tenantId, eventId), { ...event, clip });
    return Promise.resolve();
  }

  deleteBySource(tenantId: string, sourceId: string): Promise<number> {
    let removed = 0;
    for (const event of this.ofTenant(tenantId)) {
      if (event.sourceId !== sourceId) continue;
      this.items.delete(this.key(tenantId, event.id));
      removed++;
    }
    return Promise.resolve(removed);
  }

  private ofTenant(tenantId: string): ParcelEvent[] {
    return [...this.items.values()].filter((event) => event.tenantId === tenantId).sort((a, b) => b.start.localeCompare(a.start));
  }
}
