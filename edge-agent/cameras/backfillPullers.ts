import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { downloadIsapiRecording } from '../../adapters/isapi/downloadIsapiRecording';
import type { IsapiTarget } from '../../adapters/isapi/isapiRequest';
import { searchIsapiRecordings } from '../../adapters/isapi/searchIsapiRecordings';
import { OnvifCamera } from '../../adapters/onvif/onvifCamera';
import { OnvifDeviceError } from '../../adapters/onvif/onvifDeviceError';
import { findRecordings, recordingFor, replayUri } from '../../adapters/onvif/onvifRecordings';
import { clockRangeStart, startReplayRelay } from '../../adapters/onvif/onvifReplayRelay';
import { RecordingPullError } from '../../adapters/onvif/recordingPullError';
import type { AgentCamera } from '../../core/edge/agentCameraSchema';
import { cutIntoSegments, type PulledSegment } from './backfillCutter';
import { withCredentials } from './recorderArgs';

export interface PullContext {
  readonly ffmpegPath: string;
  /** The camera's recordings folder. */
  readonly cameraDir: string;
  /** ISAPI track of the camera on its recorder: 101 is channel 1's main stream. */
  readonly isapiTrackId?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface PullOutcome {
  readonly via: 'onvif-profile-g' | 'isapi';
  readonly segments: PulledSegment[];
  /** Parts not kept because a segment of that name was there already. */
  readonly duplicates: number;
}

export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Pulls a camera's recorded footage for a time range from the device at its
 * address: ONVIF Profile G (search, then replay) first; a device without it
 * (or not speaking ONVIF there) is asked over Hikvision ISAPI. A wrong
 * password or nothing answering stops at once with that reason.
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
  if (error instanceof OnvifDeviceError) return new RecordingPullError(error.reason === 'not_onvif' ? 'not_supported' : error.reason, `${camera.onvif.host}:${camera.onvif.port}`, error.message, { cause: error });
  return error;
}

async function pullOverOnvif(camera: AgentCamera, range: TimeRange, context: PullContext): Promise<PullOutcome> {
  const device = await OnvifCamera.connect({ host: camera.onvif.host, port: camera.onvif.port, username: camera.username, password: camera.password, timeoutMs: context.timeoutMs ?? 8_000 });
  const recording = recordingFor(await findRecordings(device), [camera.onvif.profileToken, camera.onvif.host, camera.name]);
  if (recording === null) throw new RecordingPullError('no_footage', device.address, `no recording of ${camera.name} among the device's recordings`);
  const from = Math.max(range.from.getTime(), Date.parse(recording.earliest ?? '') || range.from.getTime());
  const to = Math.min(range.to.getTime(), Date.parse(recording.latest ?? '') || range.to.getTime());
  if (to - from < 1_000) throw new RecordingPullError('no_footage', device.address, `recording ${recording.token} holds ${recording.earliest ?? '?'}–${recording.latest ?? '?'}`);
  const relay = await startReplayRelay(await replayUri(device, recording.token), { from: new Date(from), to: new Date(to) });
  try {
    const { segments, duplicates } = await cutIntoSegments({
      ffmpegPath: context.ffmpegPath,
      input: withCredentials(relay.url, camera.username, camera.password),
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
    });
    return { via: 'onvif-profile-g', segments, duplicates };
  } finally {
    await relay.close();
  }
}

async function pullOverIsapi(camera: AgentCamera, range: TimeRange, context: PullContext): Promise<PullOutcome> {
  const target: IsapiTarget = { host: camera.onvif.host, port: camera.onvif.port, username: camera.username, password: camera.password, timeoutMs: context.timeoutMs ?? 15_000 };
  const matches = await searchIsapiRecordings(target, { trackId: context.isapiTrackId ?? '101', from: range.from, to: range.to });
  if (matches.length === 0) throw new RecordingPullError('no_footage', `${target.host}:${target.port ?? 80}`, `ISAPI found nothing on track ${context.isapiTrackId ?? '101'}`);
  const segments: PulledSegment[] = [];
  let duplicates = 0;
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
      });
      segments.push(...cut.segments);
      duplicates += cut.duplicates;
    } finally {
      await rm(file, { force: true });
    }
  }
  return { via: 'isapi', segments, duplicates };
}
