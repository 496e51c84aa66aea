import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { downloadIsapiRecording } from '../../adapters/isapi/downloadIsapiRecording';
import type { IsapiTarget } from '../../adapters/isapi/isapiRequest';
import { readIsapiTimeBasis, type IsapiTimeBasis } from '../../adapters/isapi/readIsapiTimeBasis';
import { searchIsapiRecordings } from '../../adapters/isapi/searchIsapiRecordings';
import { OnvifCamera } from '../../adapters/onvif/onvifCamera';
import { OnvifDeviceError } from '../../adapters/onvif/onvifDeviceError';
import { findRecordings, recordingFor, recordingForChannel, replayUri } from '../../adapters/onvif/onvifRecordings';
import { clockRangeStart, startReplayRelay } from '../../adapters/onvif/onvifReplayRelay';
import { RecordingPullError } from '../../adapters/onvif/recordingPullError';
import type { AgentCamera } from '../../core/edge/agentCameraSchema';
import { cutIntoSegments, type PulledSegment } from './backfillCutter';
import { withCredentials } from './recorderArgs';

export interface PullContext {
  readonly ffmpegPath: string;
  /** The camera's recordings folder. */
  readonly cameraDir: string;
  /** ISAPI track of the camera on its recorder; default its channel's main stream (101 for channel 1, 201 for 2). */
  readonly isapiTrackId?: string;
  readonly now?: () => number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Told each batch of segment names before they are given (backfillCutter). */
  readonly beforeNaming?: (names: readonly string[]) => Promise<void>;
}

export interface PullOutcome {
  readonly via: 'onvif-profile-g' | 'isapi';
  readonly segments: PulledSegment[];
  /** Parts not kept because a segment of that name was there already. */
  readonly duplicates: number;
  /** Where the device's footage of the range ends (before `to` when the device has not written the rest yet). */
  readonly through: Date;
}

export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
}

/** The device that holds a camera's recordings: its NVR when it has one (own address, credentials, channel), else the camera itself (channel 1). */
interface Recorder {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly channel: number;
  readonly isNvr: boolean;
}

const recorderOf = (camera: AgentCamera): Recorder =>
  camera.nvr === null
    ? { host: camera.onvif.host, port: camera.onvif.port, username: camera.username, password: camera.password, channel: 1, isNvr: false }
    : { ...camera.nvr, isNvr: true };

/**
 * Pulls a camera's recorded footage for a time range from its recorder (the
 * NVR the configuration names, else the camera's SD card at its own address):
 * ONVIF Profile G (search, then replay) first; a device without it (or not
 * speaking ONVIF there) is asked over Hikvision ISAPI. A wrong password or
 * nothing answering stops at once with that reason.
 */
export async function pullRecordedRange(camera: AgentCamera, range: TimeRange, context: PullContext): Promise<PullOutcome> {
  await mkdir(context.cameraDir, { recursive: true });
  try {
    return await pullOverOnvif(camera, range, context);
  } catch (error) {
    const reason = error instanceof RecordingPullError || error instanceof OnvifDeviceError ? error.reason : null;
    if (reason !== 'not_supported' && reason !== 'not_onvif' && reason !== 'device_error') throw asPullError(error, camera);
  }
  return pullOverIsapi(camera, range, context);
}

function asPullError(error: unknown, camera: AgentCamera): unknown {
  const recorder = recorderOf(camera);
  if (error instanceof OnvifDeviceError) return new RecordingPullError(error.reason === 'not_onvif' ? 'not_supported' : error.reason, `${recorder.host}:${recorder.port}`, error.detail, { cause: error });
  return error;
}

async function pullOverOnvif(camera: AgentCamera, range: TimeRange, context: PullContext): Promise<PullOutcome> {
  const recorder = recorderOf(camera);
  const device = await OnvifCamera.connect({ host: recorder.host, port: recorder.port, username: recorder.username, password: recorder.password, timeoutMs: context.timeoutMs ?? 8_000 });
  const recordings = await findRecordings(device);
  const recording = recorder.isNvr ? recordingForChannel(recordings, recorder.channel) : recordingFor(recordings, [camera.onvif.profileToken, camera.onvif.host, camera.name]);
  if (recording === null) throw new RecordingPullError('no_footage', device.address, recorder.isNvr ? `no recording of channel ${recorder.channel} among the NVR's ${recordings.length} recordings` : `no recording of ${camera.name} among the device's recordings`);
  const from = Math.max(range.from.getTime(), Date.parse(recording.earliest ?? '') || range.from.getTime());
  const to = Math.min(range.to.getTime(), Date.parse(recording.latest ?? '') || range.to.getTime());
  if (to - from < 1_000) throw new RecordingPullError('no_footage', device.address, `recording ${recording.token} holds ${recording.earliest ?? '?'}–${recording.latest ?? '?'}`);
  const relay = await startReplayRelay(await replayUri(device, recording.token), { from: new Date(from), to: new Date(to) });
  try {
    const { segments, duplicates } = await cutIntoSegments({
      ffmpegPath: context.ffmpegPath,
      input: withCredentials(relay.url, recorder.username, recorder.password),
      rtsp: true,
      startMs: from,
      actualStartMs: () => clockRangeStart(relay.playedRange())?.getTime() ?? null,
      durationSeconds: (to - from) / 1000,
      segmentSeconds: camera.segmentSeconds,
      cameraId: camera.cameraId,
      cameraDir: context.cameraDir,
      workDir: path.join(context.cameraDir, '.backfill'),
      label: `replay of ${recording.token} at ${device.address}`,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      ...(context.beforeNaming === undefined ? {} : { beforeNaming: context.beforeNaming }),
    });
    return { via: 'onvif-profile-g', segments, duplicates, through: new Date(to) };
  } finally {
    await relay.close();
  }
}

async function pullOverIsapi(camera: AgentCamera, range: TimeRange, context: PullContext): Promise<PullOutcome> {
  const recorder = recorderOf(camera);
  const target: IsapiTarget = { host: recorder.host, port: recorder.port, username: recorder.username, password: recorder.password, timeoutMs: context.timeoutMs ?? 15_000 };
  const trackId = context.isapiTrackId ?? `${recorder.channel}01`;
  const basis = await timeBasisOf(target, context);
  const matches = await searchIsapiRecordings(target, { trackId, from: range.from, to: range.to, shiftMs: basis.shiftMs });
  if (matches.length === 0) throw new RecordingPullError('no_footage', `${target.host}:${target.port ?? 80}`, `ISAPI found nothing on track ${trackId} (${basis.note})`);
  const segments: PulledSegment[] = [];
  let duplicates = 0;
  let through = range.from.getTime();
  const workDir = path.join(context.cameraDir, '.backfill');
  for (const [index, match] of matches.entries()) {
    const pieceStart = Date.parse(match.start);
    const from = Math.max(range.from.getTime(), pieceStart);
    const to = Math.min(range.to.getTime(), Date.parse(match.end));
    if (!Number.isFinite(from) || !Number.isFinite(to) || to - from < 1_000) continue;
    const file = path.join(context.cameraDir, `.download-${index}.mp4`);
    try {
      await downloadIsapiRecording(target, match.playbackUri, file, context.signal === undefined ? {} : { signal: context.signal });
      const cut = await cutIntoSegments({
        ffmpegPath: context.ffmpegPath,
        input: file,
        rtsp: false,
        startMs: from,
        seekSeconds: (from - pieceStart) / 1000,
        durationSeconds: (to - from) / 1000,
        segmentSeconds: camera.segmentSeconds,
        cameraId: camera.cameraId,
        cameraDir: context.cameraDir,
        workDir,
        label: `ISAPI download of ${match.start}`,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
        ...(context.beforeNaming === undefined ? {} : { beforeNaming: context.beforeNaming }),
      });
      segments.push(...cut.segments);
      duplicates += cut.duplicates;
      through = Math.max(through, to);
    } finally {
      await rm(file, { force: true });
    }
  }
  return { via: 'isapi', segments, duplicates, through: new Date(through) };
}

/** The device's reading of `Z` times; a device that cannot say is taken as UTC (a wrong password or no answer stops the pull as usual). */
async function timeBasisOf(target: IsapiTarget, context: PullContext): Promise<IsapiTimeBasis> {
  try {
    return await readIsapiTimeBasis(target, (context.now ?? Date.now)());
  } catch (error) {
    if (error instanceof RecordingPullError && (error.reason === 'wrong_password' || error.reason === 'unreachable')) throw error;
    return { shiftMs: 0, utcOffsetMinutes: null, note: `the device clock could not be read (${error instanceof Error ? error.message : String(error)}); times sent as UTC` };
  }
}
