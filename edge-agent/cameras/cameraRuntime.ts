import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AgentCamera } from '../../core/edge/agentCameraSchema';
import type { AgentConfig } from '../../core/edge/agentConfigSchema';
import type { BackfillRangeReport, CameraHeartbeat, NvrFollowReport } from '../../core/edge/cameraHeartbeatSchema';
import { insideUploadWindow } from '../../core/edge/uploadWindows';
import type { Clock } from '../../core/ports/clock';
import { parseTimeZone } from '../../core/time/timeZone';
import type { AgentJob } from '../agentJob';
import type { DurableQueue } from '../spool/durableQueue';
import { fingerprintFile } from '../watcher/fingerprintFile';
import type { FollowState } from './backfillReports';
import { CameraRecorder, type FinishedSegment, type RecordingGap } from './cameraRecorder';

export interface CameraRuntimeOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly queue: DurableQueue<AgentJob>;
  /** Segments go to <recordingsDir>/<cameraId>/. */
  readonly recordingsDir: string;
  readonly ffmpegPath: string;
  /** How often recording schedules are looked at. Default 30 s. */
  readonly scheduleEveryMs?: number;
  /** True while the disk guard refuses new footage: finished segments are deleted, not queued. */
  readonly refuseNew?: () => boolean;
  readonly onGap?: (gap: RecordingGap) => void;
  /** The ranges pulled from each camera's recorder (CameraBackfill), reported with its state; and how a camera that takes its footage from the NVR fares. */
  readonly backfill?: { reportFor(cameraId: string): BackfillRangeReport[]; followStateFor?(cameraId: string): FollowState; nvrFollowFor?(cameraId: string): NvrFollowReport };
  /** Recorder backoff (tests shorten it). */
  readonly firstBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export interface CameraRecordingState {
  readonly cameraId: string;
  readonly state: 'recording' | 'starting' | 'reconnecting' | 'off_schedule' | 'paused';
  readonly error: string | null;
  readonly restarts: number;
  readonly segments: number;
  /** Where its newest finished footage ends. */
  readonly lastSegmentAt: string | null;
  /** How often new footage is due (the segment length; a look at the NVR for one that follows it). */
  readonly footageEverySeconds: number;
  /** Gaps since the last report (taken by takeGaps). */
  readonly gaps: number;
}

interface Running {
  readonly recorder: CameraRecorder;
  readonly signature: string;
}

/**
 * Records the configuration's cameras: one CameraRecorder per active camera
 * while inside its schedule (shop hours), stopped outside it, replaced when
 * its settings change, without an agent restart. Each finished segment is
 * queued exactly like a settled local-folder file (same durable queue, same
 * on-site processing, same uploads), its time read from its UTC name. A
 * camera that takes its footage from the NVR (`capture: 'nvr'`) gets no
 * recorder: CameraBackfill pulls it, and its state here is that puller's.
 */
export class CameraRuntime {
  private config: AgentConfig | null = null;
  private readonly running = new Map<string, Running>();
  private readonly lastSegmentAt = new Map<string, string>();
  private readonly gaps: RecordingGap[] = [];
  private timer: NodeJS.Timeout | null = null;
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly options: CameraRuntimeOptions) {}

  /** Applies a configuration (serialised with schedule ticks). */
  applyConfig(config: AgentConfig): Promise<void> {
    this.config = config;
    this.timer ??= setInterval(() => void this.reconcile(), this.options.scheduleEveryMs ?? 30_000);
    return this.reconcile();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.applying;
    await Promise.all([...this.running.values()].map(({ recorder }) => recorder.stop()));
    this.running.clear();
  }

  /** Per camera, for the heartbeat. */
  cameraStates(): CameraRecordingState[] {
    const now = this.options.clock.now().getTime();
    const zone = this.zone();
    return (this.config?.cameras ?? []).map((camera) => {
      if (camera.capture === 'nvr') return this.followState(camera, insideUploadWindow(camera.schedule, now, zone));
      const recorder = this.running.get(camera.cameraId)?.recorder;
      const state: CameraRecordingState['state'] = camera.paused ? 'paused' : recorder === undefined ? (insideUploadWindow(camera.schedule, now, zone) ? 'starting' : 'off_schedule') : recorder.state === 'stopped' ? 'starting' : recorder.state;
      return {
        cameraId: camera.cameraId,
        state,
        error: recorder?.lastError ?? null,
        restarts: recorder?.restarts ?? 0,
        segments: recorder?.segments ?? 0,
        lastSegmentAt: this.lastSegmentAt.get(camera.cameraId) ?? null,
        footageEverySeconds: camera.segmentSeconds,
        gaps: this.gaps.filter((gap) => gap.cameraId === camera.cameraId).length,
      };
    });
  }

  /** A camera following its NVR: online while the NVR answers and footage arrives (no RTSP stream is expected). */
  private followState(camera: AgentCamera, scheduled: boolean): CameraRecordingState {
    const follow = this.options.backfill?.followStateFor?.(camera.cameraId) ?? { state: 'starting' as const, error: null, segments: 0, lastSegmentAt: null, footageEverySeconds: camera.segmentSeconds };
    const state: CameraRecordingState['state'] = camera.paused ? 'paused' : !scheduled && follow.state !== 'reconnecting' ? 'off_schedule' : follow.state;
    return { cameraId: camera.cameraId, state, error: follow.error, restarts: 0, segments: follow.segments, lastSegmentAt: follow.lastSegmentAt, footageEverySeconds: follow.footageEverySeconds, gaps: 0 };
  }

  /** Gaps recorded since the last call (the heartbeat sends them once). */
  takeGaps(): RecordingGap[] {
    return this.gaps.splice(0);
  }

  /** Gaps not sent after all (the heartbeat did not reach the cloud): sent with the next one. */
  putBackGaps(gaps: readonly RecordingGap[]): void {
    this.gaps.unshift(...gaps);
    this.gaps.splice(0, Math.max(0, this.gaps.length - 500));
  }

  /** The heartbeat's `cameras`: each camera's state with the gaps taken since the last heartbeat. */
  heartbeat(): { cameras: CameraHeartbeat[]; gaps: RecordingGap[] } {
    const gaps = this.takeGaps();
    const following = new Set((this.config?.cameras ?? []).filter((camera) => camera.capture === 'nvr').map((camera) => camera.cameraId));
    const backfill = this.options.backfill;
    const cameras = this.cameraStates().map(({ gaps: _count, ...state }) => ({
      ...state,
      error: state.error === null ? null : state.error.slice(0, 500),
      gaps: gaps.filter((gap) => gap.cameraId === state.cameraId).slice(-100).map((gap) => ({ from: gap.from, to: gap.to, reason: gap.reason.slice(0, 300) })),
      ...(backfill === undefined ? {} : { backfill: backfill.reportFor(state.cameraId) }),
      // Only for a camera following its NVR: a heartbeat of live cameras stays readable by clouds before the field.
      ...(backfill?.nvrFollowFor === undefined || !following.has(state.cameraId) ? {} : { nvrFollow: backfill.nvrFollowFor(state.cameraId) }),
    }));
    return { cameras, gaps };
  }

  private zone() {
    try {
      return parseTimeZone(this.config?.timeZone ?? 'UTC');
    } catch {
      return parseTimeZone('UTC');
    }
  }

  private reconcile(): Promise<void> {
    this.applying = this.applying.then(() => this.reconcileNow()).catch((error: unknown) => this.options.logger.error({ err: error }, 'cameras could not be updated'));
    return this.applying;
  }

  private async reconcileNow(): Promise<void> {
    const { logger, clock } = this.options;
    const now = clock.now().getTime();
    const zone = this.zone();
    // A camera that takes its footage from the NVR is not recorded here (CameraBackfill pulls it).
    const wanted = new Map((this.config?.cameras ?? []).filter((camera) => camera.capture !== 'nvr' && !camera.paused && insideUploadWindow(camera.schedule, now, zone)).map((camera) => [camera.cameraId, camera]));
    for (const [cameraId, running] of [...this.running]) {
      const camera = wanted.get(cameraId);
      if (camera !== undefined && signatureOf(camera) === running.signature) continue;
      this.running.delete(cameraId);
      await running.recorder.stop();
      logger.info({ cameraId, reason: camera === undefined ? 'paused, removed or outside its schedule' : 'settings changed' }, 'stopped recording');
    }
    for (const camera of wanted.values()) {
      if (this.running.has(camera.cameraId)) continue;
      const recorder = this.recorderFor(camera);
      this.running.set(camera.cameraId, { recorder, signature: signatureOf(camera) });
      recorder.start();
      logger.info({ cameraId: camera.cameraId, name: camera.name, segmentSeconds: camera.segmentSeconds }, 'recording');
    }
  }

  private recorderFor(camera: AgentCamera): CameraRecorder {
    const { logger, ffmpegPath, recordingsDir } = this.options;
    return new CameraRecorder({
      camera: { cameraId: camera.cameraId, rtspUrl: camera.rtspUrl, username: camera.username, password: camera.password, segmentSeconds: camera.segmentSeconds },
      dir: path.join(recordingsDir, camera.cameraId),
      ffmpegPath,
      logger,
      ...(this.options.firstBackoffMs === undefined ? {} : { firstBackoffMs: this.options.firstBackoffMs }),
      ...(this.options.maxBackoffMs === undefined ? {} : { maxBackoffMs: this.options.maxBackoffMs }),
      onSegment: (segment) => this.queueSegment(camera, segment),
      onGap: (gap) => {
        this.gaps.push(gap);
        if (this.gaps.length > 500) this.gaps.shift();
        this.options.onGap?.(gap);
      },
    });
  }

  private async queueSegment(camera: AgentCamera, segment: FinishedSegment): Promise<void> {
    const { queue, clock, logger } = this.options;
    // Where its footage ends, not where it starts: a camera with 5-minute segments is not "5 minutes silent" the moment one is finished.
    this.lastSegmentAt.set(camera.cameraId, new Date(Date.parse(segment.startedAt) + segment.durationSeconds * 1000).toISOString());
    if (this.options.refuseNew?.() === true) {
      await unlink(segment.absolutePath).catch(() => undefined);
      logger.warn({ cameraId: camera.cameraId, file: segment.name }, 'the disk is full and this agent refuses new footage (refuse_new): segment deleted');
      return;
    }
    const { size } = await stat(segment.absolutePath);
    const fingerprint = await fingerprintFile(segment.absolutePath, size);
    await queue.enqueue(
      { kind: 'process', sourceId: camera.sourceId, cameraId: camera.cameraId, timeZone: 'UTC', relativePath: `${camera.cameraId}/${segment.name}`, file: { absolutePath: segment.absolutePath, name: segment.name, fingerprint } },
      clock.now(),
    );
    logger.info({ cameraId: camera.cameraId, file: segment.name, seconds: segment.durationSeconds }, 'segment queued');
  }
}

/** What makes a running recorder stale: where and how it records. */
function signatureOf(camera: AgentCamera): string {
  return JSON.stringify([camera.rtspUrl, camera.username, camera.password, camera.segmentSeconds, camera.sourceId]);
}
