import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { RecordingPullError, type RecordingPullReason } from '../../adapters/onvif/recordingPullError';
import type { AgentCamera } from '../../core/edge/agentCameraSchema';
import type { BackfillRangeReport, NvrFollowReport } from '../../core/edge/cameraHeartbeatSchema';
import { ValidationError } from '../../core/errors';
import type { Clock } from '../../core/ports/clock';
import type { AgentJob } from '../agentJob';
import type { DurableQueue } from '../spool/durableQueue';
import { writeFileDurably } from '../state/writeFileDurably';
import { fingerprintFile } from '../watcher/fingerprintFile';
import { insideUploadWindow } from '../../core/edge/uploadWindows';
import { parseTimeZone } from '../../core/time/timeZone';
import { PullStoppedError } from './backfillCutter';
import type { PullContext, PullOutcome, TimeRange } from './backfillPullers';
import { followStateOf, nvrFollowReportOf, rangesReportOf, type BackfillRange, type FollowState } from './backfillReports';
import { pullRecordedRange } from './backfillPullers';
import type { RecordingGap } from './cameraRecorder';
import { followStepMs, planNvrFollow, type FollowProgress } from './planNvrFollow';

export interface CameraBackfillOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly queue: DurableQueue<AgentJob>;
  /** Segments go to <recordingsDir>/<cameraId>/, beside the recorder's. */
  readonly recordingsDir: string;
  readonly ffmpegPath: string;
  /** The configured cameras now (address, credentials, segment length, source). */
  readonly cameras: () => readonly AgentCamera[];
  /** Where pending and finished ranges are kept across restarts. */
  readonly stateFile: string;
  /** Default pullRecordedRange (Profile G, then ISAPI). */
  readonly pull?: (camera: AgentCamera, range: TimeRange, context: PullContext) => Promise<PullOutcome>;
  /** First wait before a range is tried again (the camera not back yet); doubles up to an hour. Default 1 min. */
  readonly retryFirstMs?: number;
  /** A gap is tried this long after it ended, then given up. Default 3 days (NVRs keep weeks; cards less). */
  readonly giveUpAfterMs?: number;
  /** True while the disk guard refuses new footage: nothing is pulled. */
  readonly refuseNew?: () => boolean;
  /** A camera that takes its footage from the NVR is pulled whole segment windows at a time, at least this much footage per pull (shorter segments wait for more). Default 2 min. */
  readonly followEveryMs?: number;
  /** Footage newer than this is left for the NVR to finish writing. Default 1 min. */
  readonly followLagMs?: number;
  /** The zone recording schedules are read in (the agent's). Default UTC. */
  readonly timeZone?: () => string;
}

/** Defaults of followEveryMs and followLagMs. */
const FOLLOW_EVERY_MS = 120_000;
const FOLLOW_LAG_MS = 60_000;
/** Longest range one request may ask for. */
const MAX_RANGE_MS = 12 * 3_600_000;
/** Gaps shorter than this are a reconnect's seam, not worth a pull. */
const MIN_GAP_MS = 3_000;
/** Finished ranges remembered (to refuse pulling the same footage twice). */
const KEEP_FINISHED = 500;
/** Reasons retrying cannot fix. */
const FINAL: readonly RecordingPullReason[] = ['not_supported', 'no_footage'];
/** A camera following its NVR waits at most this long between tries (it is its only footage). */
const FOLLOW_RETRY_MAX_MS = 10 * 60_000;

/**
 * Fills recording gaps from the camera's own recorder (its SD card or the
 * NVR): each gap the recorder reports, and each range asked for, is kept in a
 * small state file and pulled once the device answers again, over ONVIF
 * Profile G or Hikvision ISAPI. The pulled footage becomes segments named like
 * the recorder's in the same folder, queued for processing and upload exactly
 * like recorded ones; a range already pulled, or a segment name already on
 * disk, is not pulled or queued twice.
 *
 * A camera with `capture: 'nvr'` is not recorded at all: its footage is taken
 * from the NVR by the same ranges (`follow`), one per segment window (on the recorder's UTC grid) from where
 * it got to up to now minus a lag (planNvrFollow), kept in the same state file,
 * so an agent restart neither skips nor repeats footage.
 */
export class CameraBackfill {
  private ranges: BackfillRange[] = [];
  private loaded = false;
  /** Names left by a pull that never queued them were looked for (once per start). */
  private namingChecked = false;
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** The range being pulled now. */
  private pullingId: string | null = null;
  /** Per camera following its NVR: where its ranges reach and where its pulled footage ends. */
  private follow: Record<string, FollowProgress> = {};
  /** Segments pulled for each following camera since the agent started. */
  private readonly followSegments = new Map<string, number>();
  /** Aborted by stop(): a pull under way ends without keeping anything, its range pulled whole next time. */
  private readonly stopping = new AbortController();

  constructor(private readonly options: CameraBackfillOptions) {}

  /** The ranges it knows, newest first (for the heartbeat and the request channel). */
  async list(): Promise<readonly BackfillRange[]> {
    await this.load();
    return [...this.ranges].reverse();
  }

  /** One camera's newest gap and asked ranges as the heartbeat reports them (backfillReports.ts). */
  reportFor(cameraId: string): BackfillRangeReport[] {
    return rangesReportOf(this.ranges, cameraId, this.pullingId);
  }

  /** A camera that takes its footage from the NVR, as the heartbeat reports it (health judges it like a recorder). */
  followStateFor(cameraId: string): FollowState {
    const segmentSeconds = this.options.cameras().find((c) => c.cameraId === cameraId)?.segmentSeconds ?? 300;
    return followStateOf({
      ranges: this.ranges,
      cameraId,
      footageTo: this.follow[cameraId]?.footageTo ?? null,
      segments: this.followSegments.get(cameraId) ?? 0,
      footageEverySeconds: Math.ceil((followStepMs(segmentSeconds, this.options.followEveryMs ?? FOLLOW_EVERY_MS) + (this.options.followLagMs ?? FOLLOW_LAG_MS)) / 1000),
    });
  }

  /** A camera that takes its footage from the NVR: how its regular pulls get on (the heartbeat's `nvrFollow`). */
  nvrFollowFor(cameraId: string): NvrFollowReport {
    return nvrFollowReportOf(this.ranges, cameraId, this.follow[cameraId]?.cursor ?? null, this.pullingId);
  }

  /** The recorder's gap hook: the gap is pulled once the camera is back. */
  onGap(gap: RecordingGap): void {
    if (Date.parse(gap.to) - Date.parse(gap.from) < MIN_GAP_MS) return;
    this.request({ cameraId: gap.cameraId, from: gap.from, to: gap.to }, 'gap').then(
      () => this.runSoon(),
      (error: unknown) => this.options.logger.warn({ cameraId: gap.cameraId, err: error }, 'recording gap not queued for backfill'),
    );
  }

  /**
   * Asks for one camera's footage of a time range (what the agent's request
   * channel calls). Throws ValidationError naming the field; answers the range
   * it already has when that one covers the asked range.
   */
  async request(input: { cameraId: string; from: string; to: string }, reason: BackfillRange['reason'] = 'asked'): Promise<BackfillRange> {
    await this.load();
    const camera = this.options.cameras().find((c) => c.cameraId === input.cameraId);
    if (camera === undefined) throw new ValidationError('cameraId', `no camera ${input.cameraId} on this agent`);
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    if (!Number.isFinite(from) || !/^\d{4}-\d{2}-\d{2}T/.test(input.from)) throw new ValidationError('from', 'must be an ISO date and time such as 2026-03-02T09:30:00Z');
    if (!Number.isFinite(to) || !/^\d{4}-\d{2}-\d{2}T/.test(input.to)) throw new ValidationError('to', 'must be an ISO date and time such as 2026-03-02T10:00:00Z');
    if (to <= from) throw new ValidationError('to', 'must be after from');
    if (to - from > MAX_RANGE_MS) throw new ValidationError('to', `a range may span at most ${MAX_RANGE_MS / 3_600_000} hours`);
    if (from > this.options.clock.now().getTime()) throw new ValidationError('from', 'is in the future');
    const covering = this.ranges.find((r) => r.cameraId === input.cameraId && r.state !== 'failed' && Date.parse(r.from) <= from && Date.parse(r.to) >= to);
    if (covering !== undefined) return covering;
    const range: BackfillRange = {
      id: randomUUID(),
      cameraId: input.cameraId,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      reason,
      state: 'pending',
      attempts: 0,
      nextTryAt: this.options.clock.now().toISOString(),
      lastError: null,
      segments: 0,
      via: null,
    };
    this.ranges.push(range);
    await this.save();
    this.options.logger.info({ cameraId: range.cameraId, from: range.from, to: range.to, reason }, 'footage range queued for backfill from the recorder');
    return range;
  }

  /** Looks at due ranges every `everyMs` (default 30 s). */
  start(everyMs = 30_000): void {
    this.timer ??= setInterval(() => this.runSoon(), everyMs);
    this.runSoon();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.running;
  }

  /** Pulls every due range now (serialised: one pull at a time, NVRs are slow). */
  runDue(): Promise<void> {
    this.running = this.running.then(() => this.runDueNow()).catch((error: unknown) => this.options.logger.error({ err: error }, 'backfill failed'));
    return this.running;
  }

  private runSoon(): void {
    void this.runDue();
  }

  private async runDueNow(): Promise<void> {
    await this.load();
    await this.queueNamedBeforeStop();
    await this.planFollow();
    const now = this.options.clock.now().getTime();
    for (const range of this.ranges.filter((r) => r.state === 'pending' && Date.parse(r.nextTryAt) <= now)) {
      if (this.options.refuseNew?.() === true || this.stopping.signal.aborted) return;
      // Extended since this pass began: pull it as it is now.
      await this.pullOne(this.ranges.find((r) => r.id === range.id) ?? range);
    }
  }

  /** New and extended ranges for the cameras that take their footage from the NVR. */
  private async planFollow(): Promise<void> {
    const { clock } = this.options;
    const zone = zoneOf(this.options.timeZone?.() ?? 'UTC');
    const plan = planNvrFollow({
      nowMs: clock.now().getTime(),
      lagMs: this.options.followLagMs ?? FOLLOW_LAG_MS,
      minStepMs: this.options.followEveryMs ?? FOLLOW_EVERY_MS,
      maxRangeMs: MAX_RANGE_MS,
      cameras: this.options.cameras(),
      ranges: this.ranges,
      progress: this.follow,
      pullingId: this.pullingId,
      scheduled: (camera, atMs) => insideUploadWindow(camera.schedule, atMs, zone),
    });
    if (plan.added.length === 0 && plan.extended.size === 0 && JSON.stringify(plan.progress) === JSON.stringify(this.follow)) return;
    const nextTryAt = clock.now().toISOString();
    this.ranges = this.ranges.map((r) => {
      const to = plan.extended.get(r.id);
      return to === undefined ? r : { ...r, to };
    });
    for (const { cameraId, from, to, notBeforeMs } of plan.added) {
      this.ranges.push({ id: randomUUID(), cameraId, from, to, reason: 'follow', state: 'pending', attempts: 0, nextTryAt: notBeforeMs === undefined ? nextTryAt : new Date(notBeforeMs).toISOString(), lastError: null, segments: 0, via: null });
    }
    this.follow = { ...plan.progress };
    await this.save();
  }

  private async pullOne(range: BackfillRange): Promise<void> {
    const { logger, clock } = this.options;
    const camera = this.options.cameras().find((c) => c.cameraId === range.cameraId);
    if (camera === undefined) return this.update(range, { state: 'failed', lastError: 'the camera was removed from this agent' });
    const cameraDir = path.join(this.options.recordingsDir, camera.cameraId);
    this.pullingId = range.id;
    // Names given by this pull so far (an ISAPI pull names each downloaded piece in turn).
    const naming: string[] = [];
    const beforeNaming = async (names: readonly string[]) => {
      naming.push(...names);
      await this.update(range, { naming: [...naming] });
    };
    try {
      const outcome = await (this.options.pull ?? pullRecordedRange)(camera, { from: new Date(range.from), to: new Date(range.to) }, { ffmpegPath: this.options.ffmpegPath, cameraDir, signal: this.stopping.signal, beforeNaming });
      for (const segment of outcome.segments) await this.queueSegment(camera, segment.absolutePath, segment.name);
      const earlier = this.ranges.find((r) => r.id === range.id)?.segments ?? 0;
      const change: Partial<BackfillRange> = { state: 'done', attempts: range.attempts + 1, lastError: null, segments: earlier + outcome.segments.length, via: outcome.via, naming: undefined };
      if (range.reason === 'follow') this.noteFollowed(range, outcome.through, outcome.segments.length);
      // The NVR has not written the end yet: this range ends where its footage does, and the rest is asked for with the next.
      const short = range.reason === 'follow' && outcome.through.getTime() < Date.parse(range.to) - 1_000;
      await this.update(range, short ? { ...change, to: outcome.through.toISOString() } : change);
      logger.info({ cameraId: camera.cameraId, from: range.from, to: range.to, via: outcome.via, segments: outcome.segments.length, duplicates: outcome.duplicates }, 'recording gap filled from the recorder');
    } catch (error) {
      // Pieces named before the failure (or the stop) are footage like any other: queued now, the rest pulled next time.
      if (naming.length > 0) await this.queueNamed(range.id);
      // The agent is stopping: nothing more of this pull was kept; the range stays as it was, for the next start.
      if (error instanceof PullStoppedError || this.stopping.signal.aborted) return;
      const reason = error instanceof RecordingPullError ? error.reason : null;
      const message = error instanceof Error ? error.message : String(error);
      const attempts = range.attempts + 1;
      const expired = clock.now().getTime() - Date.parse(range.to) > (this.options.giveUpAfterMs ?? 3 * 86_400_000);
      const follow = range.reason === 'follow';
      // A following camera's newest footage may just not be written yet: only a range as long as one may be is given up for want of footage.
      const final = (reason !== null && FINAL.includes(reason) && (!follow || reason !== 'no_footage' || Date.parse(range.to) - Date.parse(range.from) >= MAX_RANGE_MS)) || expired;
      const waitMs = Math.min((this.options.retryFirstMs ?? 60_000) * 2 ** (attempts - 1), follow ? FOLLOW_RETRY_MAX_MS : 3_600_000);
      await this.update(range, { state: final ? 'failed' : 'pending', attempts, lastError: message.slice(0, 500), nextTryAt: new Date(clock.now().getTime() + waitMs).toISOString() });
      logger.warn({ cameraId: camera.cameraId, from: range.from, to: range.to, reason, err: message, retryInMs: final ? null : waitMs }, final ? 'recording gap cannot be filled from the recorder' : 'recording gap not filled yet; trying again later');
    } finally {
      this.pullingId = null;
    }
  }

  /** A following camera's footage now reaches `through` (its cursor goes back there when the NVR had not written the rest yet). */
  private noteFollowed(range: BackfillRange, through: Date, segments: number): void {
    const known = this.follow[range.cameraId];
    if (known === undefined) return;
    const footageTo = new Date(Math.max(through.getTime(), Date.parse(known.footageTo ?? '') || 0)).toISOString();
    const cursor = known.cursor === range.to && through.getTime() < Date.parse(range.to) - 1_000 ? through.toISOString() : known.cursor;
    this.follow = { ...this.follow, [range.cameraId]: { cursor, footageTo } };
    this.followSegments.set(range.cameraId, (this.followSegments.get(range.cameraId) ?? 0) + segments);
  }

  /** Segments named by a pull the agent did not live to queue (a power cut, kill -9): queued once, on the first look after a start. */
  private async queueNamedBeforeStop(): Promise<void> {
    if (this.namingChecked) return;
    this.namingChecked = true;
    for (const range of this.ranges.filter((r) => (r.naming?.length ?? 0) > 0)) await this.queueNamed(range.id);
  }

  /**
   * Queues a range's named segments that are on disk and not queued yet, and
   * forgets the names. The range keeps its state: pulled again, what is named
   * already is a duplicate and the rest is named and queued then.
   */
  private async queueNamed(rangeId: string): Promise<void> {
    const range = this.ranges.find((r) => r.id === rangeId);
    const camera = this.options.cameras().find((c) => c.cameraId === range?.cameraId);
    if (range === undefined) return;
    let queuedNow = 0;
    if (camera !== undefined) {
      const cameraDir = path.join(this.options.recordingsDir, camera.cameraId);
      const queued = new Set((await this.options.queue.all()).map((job) => job.payload.file.absolutePath));
      for (const name of new Set(range.naming ?? [])) {
        const absolutePath = path.join(cameraDir, name);
        if (queued.has(absolutePath) || ((await stat(absolutePath).catch(() => null))?.size ?? 0) === 0) continue;
        await this.queueSegment(camera, absolutePath, name);
        queuedNow++;
      }
      if (queuedNow > 0) this.options.logger.info({ cameraId: camera.cameraId, from: range.from, to: range.to, segments: queuedNow }, 'segments named by an unfinished pull queued');
    }
    await this.update(range, { naming: undefined, segments: range.segments + queuedNow });
  }

  /** Queued exactly like a recorded segment (CameraRuntime): same job, same processing and upload. */
  private async queueSegment(camera: AgentCamera, absolutePath: string, name: string): Promise<void> {
    if (this.options.refuseNew?.() === true) {
      await unlink(absolutePath).catch(() => undefined);
      return;
    }
    const { size } = await stat(absolutePath);
    const fingerprint = await fingerprintFile(absolutePath, size);
    await this.options.queue.enqueue(
      { kind: 'process', sourceId: camera.sourceId, cameraId: camera.cameraId, timeZone: 'UTC', relativePath: `${camera.cameraId}/${name}`, file: { absolutePath, name, fingerprint } },
      this.options.clock.now(),
    );
  }

  private async update(range: BackfillRange, change: Partial<BackfillRange>): Promise<void> {
    this.ranges = this.ranges.map((r) => (r.id === range.id ? { ...r, ...change } : r));
    const finished = this.ranges.filter((r) => r.state !== 'pending');
    if (finished.length > KEEP_FINISHED) {
      const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED).map((r) => r.id));
      this.ranges = this.ranges.filter((r) => !drop.has(r.id));
    }
    await this.save();
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const text = await readFile(this.options.stateFile, 'utf8').catch(() => null);
    if (text === null) return;
    try {
      const parsed = JSON.parse(text) as { ranges?: BackfillRange[]; follow?: Record<string, FollowProgress> };
      this.ranges = Array.isArray(parsed.ranges) ? parsed.ranges : [];
      this.follow = typeof parsed.follow === 'object' && parsed.follow !== null ? parsed.follow : {};
    } catch (error) {
      this.options.logger.warn({ file: this.options.stateFile, err: error }, 'backfill state unreadable; starting with none');
    }
  }

  private async save(): Promise<void> {
    await mkdir(path.dirname(this.options.stateFile), { recursive: true });
    // Flushed: segment names kept here must be on the disk before the segments get them.
    await writeFileDurably(this.options.stateFile, JSON.stringify({ ranges: this.ranges, follow: this.follow }));
  }
}

function zoneOf(name: string) {
  try {
    return parseTimeZone(name);
  } catch {
    return parseTimeZone('UTC');
  }
}
