/**
 * What processing made of one unit of a camera's footage (a stored file in the
 * cloud, one processed window from an agent): the facts the camera's per-day
 * read counters add up. Recording the same unit again (a retry, a new revision)
 * counts only the difference, so the counters never double.
 */
export interface CameraReadUnit {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly cameraId: string;
  /** The agent that processed it; null in the cloud. */
  readonly agentId: string | null;
  /** Stable per unit: the provider file id, or the agent's camera window. */
  readonly unitId: string;
  /** UTC day (YYYY-MM-DD) the footage was recorded on. */
  readonly day: string;
  /** Orders (label reads) found starting in it. */
  readonly codes: number;
  /** 1 when the footage could not be decoded, else 0. */
  readonly failures: number;
  /** Seconds of footage it holds (0 when undecodable). */
  readonly footageSec: number;
}

/** One camera's counters for one UTC day. */
export interface CameraReadDay {
  readonly sourceId: string;
  readonly cameraId: string;
  readonly agentId: string | null;
  readonly day: string;
  readonly files: number;
  readonly codes: number;
  readonly failures: number;
  readonly footageSec: number;
}

export interface CameraReadCounters {
  record(unit: CameraReadUnit): Promise<void>;
  /** Every camera's counters from `fromDay` to `toDay`, both included. */
  days(tenantId: string, fromDay: string, toDay: string): Promise<readonly CameraReadDay[]>;
}
