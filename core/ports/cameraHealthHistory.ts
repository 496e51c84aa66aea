import type { CameraHealth, CameraHealthProblem, CameraHealthProblemKind } from '../cameraHealth/assessCameraHealth';
import type { CameraAlertDismissal } from '../cameraHealth/healthAlerts';

/** Which camera: an agent's recorded camera, or a source's camera (Drive, local folder). */
export interface CameraRef {
  /** `agent:<agentId>/<cameraId>` or `source:<sourceId>/<cameraId>`. */
  readonly key: string;
  readonly cameraId: string;
  readonly agentId: string | null;
  readonly sourceId: string | null;
}

/** A camera's health as last judged, and since when each problem has lasted (its incident). */
export interface CameraHealthState {
  readonly key: string;
  readonly status: CameraHealth['status'];
  /** Problem kind → when it began (ISO). */
  readonly since: Readonly<Partial<Record<CameraHealthProblemKind, string>>>;
  readonly judgedAt: string;
  /** Grows with every write; a write that lost a race is dropped. */
  readonly version: number;
}

/** One change of a camera's health. */
export interface CameraHealthChange {
  readonly at: string;
  readonly camera: CameraRef;
  readonly from: CameraHealth['status'] | null;
  readonly to: CameraHealth['status'];
  /** Problems that began with this change, with their facts. */
  readonly began: readonly CameraHealthProblem[];
  /** Problem kinds that ended with it. */
  readonly ended: readonly CameraHealthProblemKind[];
}

export interface CameraHealthHistory {
  states(tenantId: string): Promise<readonly CameraHealthState[]>;
  /**
   * Stores the new state and, when given, the change that led to it, only if
   * the stored state is still `previousVersion` (0: none); false when another
   * judgement came first.
   */
  save(tenantId: string, state: CameraHealthState, previousVersion: number, change: CameraHealthChange | null): Promise<boolean>;
  /** Changes at or after `fromIso`, oldest first. */
  changes(tenantId: string, fromIso: string): Promise<readonly CameraHealthChange[]>;
  /** The tenant's dismissed alerts: the last dismissed incident of each camera and kind of problem. */
  dismissals(tenantId: string): Promise<readonly CameraAlertDismissal[]>;
  /** Hides one incident for the whole tenant (replacing an earlier incident's dismissal of that camera and kind). */
  dismiss(tenantId: string, dismissal: CameraAlertDismissal): Promise<void>;
}
