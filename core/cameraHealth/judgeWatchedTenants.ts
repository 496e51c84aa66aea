import type { CameraHealthWatchList } from '../ports/cameraHealthWatchList';
import { raisedAlerts, type CameraHealthAlert } from './healthAlerts';
import { judgeCameraHealth, type JudgeCameraHealthDeps } from './judgeCameraHealth';

export interface JudgeWatchedTenantsDeps extends JudgeCameraHealthDeps {
  readonly watchList: CameraHealthWatchList;
}

export interface JudgeWatchedTenantsOptions {
  readonly nowMs: number;
  /** When the judgement before this one ran (now − the schedule's period): alerts that began to show since then are raised. */
  readonly previousMs: number;
  readonly heartbeatSeconds: number;
  /** Tenants judged at once. */
  readonly concurrency: number;
  /** No tenant is started after this (epoch ms); the rest wait for the next run. */
  readonly deadlineMs: number;
  /** The clock that tells the deadline (the run's own time, not the judged `nowMs`). */
  readonly wallMs: () => number;
}

export interface JudgeWatchedTenantsResult {
  readonly tenants: number;
  readonly cameras: number;
  /** Tenants with no camera left: taken off the watch list. */
  readonly unwatched: number;
  /** Tenants not reached before the deadline. */
  readonly skipped: number;
  /** Tenants whose judgement failed (each is tried again next run). */
  readonly failed: readonly { readonly tenantId: string; readonly error: unknown }[];
  readonly raised: readonly (CameraHealthAlert & { readonly tenantId: string })[];
}

/**
 * The scheduled health judgement: every camera of every watched tenant judged
 * as of `nowMs`, so a camera that goes offline when nobody looks is in its
 * history (dated within one run) and its sign-in alert is raised on time. Each
 * run starts at another place in the list (by minute), so tenants left out by a
 * deadline are reached first next time.
 */
export async function judgeWatchedTenants(deps: JudgeWatchedTenantsDeps, options: JudgeWatchedTenantsOptions): Promise<JudgeWatchedTenantsResult> {
  const watched = await deps.watchList.watched();
  const start = watched.length === 0 ? 0 : Math.floor(options.nowMs / 60_000) % watched.length;
  const queue = [...watched.slice(start), ...watched.slice(0, start)];
  const judgedFrom = new Date(options.nowMs).toISOString();
  let tenants = 0;
  let cameras = 0;
  let unwatched = 0;
  const raised: (CameraHealthAlert & { tenantId: string })[] = [];
  const failed: { tenantId: string; error: unknown }[] = [];
  const worker = async (): Promise<void> => {
    for (let tenantId = queue.shift(); tenantId !== undefined; tenantId = queue.shift()) {
      if (options.wallMs() >= options.deadlineMs) {
        queue.unshift(tenantId);
        return;
      }
      let judged;
      try {
        judged = await judgeCameraHealth(deps, tenantId, options.nowMs, options.heartbeatSeconds);
      } catch (error) {
        failed.push({ tenantId, error });
        continue;
      }
      tenants += 1;
      cameras += judged.length;
      if (judged.length === 0) {
        await deps.watchList.unwatch(tenantId, judgedFrom);
        unwatched += 1;
      }
      raised.push(...raisedAlerts(judged, options.nowMs, options.previousMs).map((alert) => ({ ...alert, tenantId })));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { tenants, cameras, unwatched, skipped: queue.length, failed, raised };
}
