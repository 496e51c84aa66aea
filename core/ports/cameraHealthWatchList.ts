/**
 * The tenants that have cameras for the scheduled health judgement, so it
 * never scans the table for them. A tenant is added when it first has a
 * camera to judge (an agent's heartbeat first lists cameras, a camera's first
 * processed footage of a day) and removed when a judgement finds none.
 */
export interface CameraHealthWatchList {
  /** Adds the tenant (again: only `since` changes). */
  watch(tenantId: string, at: string): Promise<void>;
  /** Every watched tenant. */
  watched(): Promise<readonly string[]>;
  /** Removes the tenant unless it was added at or after `judgedFrom` (a camera that appeared while it was judged keeps it). */
  unwatch(tenantId: string, judgedFrom: string): Promise<void>;
}
