/**
 * The ffmpeg argument set for footage pulled from an NVR (kept here, not
 * built ad hoc): a replay RTSP stream over TCP or a downloaded file, video
 * stream copied (no re-encode) for at most `durationSeconds`, cut at the
 * given offsets (wall-clock multiples of the camera's segment length, as the
 * recorder cuts) into numbered MP4 parts, each finished part written to stdout
 * as `name,start,end` (CSV). The parts are renamed by their recorded UTC time.
 */
export function backfillArgs(input: { input: string; rtsp: boolean; ioTimeoutSeconds: number; seekSeconds?: number; durationSeconds: number; cutAtSeconds: readonly number[]; dir: string }): string[] {
  return [
    '-hide_banner',
    '-loglevel', 'error',
    '-nostdin',
    ...(input.rtsp ? ['-rtsp_transport', 'tcp', '-timeout', String(input.ioTimeoutSeconds * 1_000_000)] : []),
    // A downloaded piece longer than the range: start at the range (on the keyframe before it).
    ...(input.seekSeconds !== undefined && input.seekSeconds > 0 ? ['-ss', input.seekSeconds.toFixed(3)] : []),
    '-i', input.input,
    '-map', '0:v:0',
    '-c', 'copy',
    '-t', input.durationSeconds.toFixed(3),
    '-f', 'segment',
    ...(input.cutAtSeconds.length > 0 ? ['-segment_times', input.cutAtSeconds.map((s) => s.toFixed(3)).join(',')] : ['-segment_time', '86400']),
    '-reset_timestamps', '1',
    '-segment_format', 'mp4',
    '-segment_list', 'pipe:1',
    '-segment_list_type', 'csv',
    `${input.dir}/part_%04d.mp4`,
  ];
}

/** Offsets (s from `startMs`) where the recorder would have started a new segment: wall-clock multiples of the length. */
export function clockCuts(startMs: number, durationSeconds: number, segmentSeconds: number): number[] {
  const step = segmentSeconds * 1000;
  const cuts: number[] = [];
  for (let t = Math.floor(startMs / step) * step + step; t < startMs + durationSeconds * 1000 - 500; t += step) cuts.push((t - startMs) / 1000);
  return cuts;
}
