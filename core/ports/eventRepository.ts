import type { ParcelEvent } from '../events/parcelEvent';

/** A camera's stretch of footage that one processing run covered, ISO UTC, `from` inclusive, `to` exclusive. */
export interface CameraWindow {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Found orders, by tracking code and by camera and time. Every read is scoped to
 * one tenant: another tenant's code reads as not found.
 */
export interface EventRepository {
  /**
   * The write of a processing run: every stored event of the window's camera
   * whose start lies in the window is replaced by `events` (all inside the window).
   * So processing a stretch again, a new revision of a file, or a neighbour file
   * that joins two halves of an order leaves exactly one event per order.
   * Returns the ids of the events it removed that are not among `events`
   * (their clips can then be deleted).
   */
  replaceWindow(window: CameraWindow, events: readonly ParcelEvent[]): Promise<readonly string[]>;
  get(tenantId: string, eventId: string): Promise<ParcelEvent | null>;
  /** Events with exactly this (normalised) code, newest first. */
  findByCode(tenantId: string, code: string, limit: number): Promise<readonly ParcelEvent[]>;
  /**
   * Many codes at once (a pasted list, an upload): for every asked code, normalised
   * and each once, exactly what `findByCode(code, limitPerCode)` answers (empty when
   * not found), read in far fewer round trips.
   */
  findByCodes(tenantId: string, codes: readonly string[], limitPerCode: number): Promise<ReadonlyMap<string, readonly ParcelEvent[]>>;
  /** Events with a code that starts with `prefix` (normalised, at least 4 characters), newest first. */
  findByCodePrefix(tenantId: string, prefix: string, limit: number): Promise<readonly ParcelEvent[]>;
  /** Events of one camera that start in [from, to), oldest first: the day timeline. */
  listByCamera(window: CameraWindow, limit: number): Promise<readonly ParcelEvent[]>;
  /** Record the clip's new state (after cutting, or when its footage expired). Does nothing if the event is gone. */
  updateClip(tenantId: string, eventId: string, clip: ParcelEvent['clip']): Promise<void>;
  /** Remove every event of a source (source deleted with its footage). */
  deleteBySource(tenantId: string, sourceId: string): Promise<number>;
}
