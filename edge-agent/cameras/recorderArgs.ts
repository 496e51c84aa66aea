/**
 * The ffmpeg argument set for recording one camera (kept here, not built ad
 * hoc): RTSP over TCP, video stream copied (no re-encode) into fixed-length
 * MP4 segments cut on keyframes at wall-clock multiples of the length, named
 * `<camera>_YYYYMMDD_HHMMSS.mp4` by the UTC start (the child runs with TZ=UTC),
 * and each finished segment written to stdout as `name,start,end` (CSV).
 */
export function recorderArgs(input: { url: string; dir: string; filePrefix: string; segmentSeconds: number; ioTimeoutSeconds: number }): string[] {
  return [
    '-hide_banner',
    '-loglevel', 'error',
    '-nostdin',
    '-rtsp_transport', 'tcp',
    // Socket I/O timeout (µs): a camera that stops sending ends the process; the watchdog covers the rest.
    '-timeout', String(input.ioTimeoutSeconds * 1_000_000),
    '-i', input.url,
    '-map', '0:v:0',
    '-c', 'copy',
    '-f', 'segment',
    '-segment_time', String(input.segmentSeconds),
    '-segment_atclocktime', '1',
    '-reset_timestamps', '1',
    '-strftime', '1',
    '-segment_format', 'mp4',
    '-segment_list', 'pipe:1',
    '-segment_list_type', 'csv',
    `${input.dir}/${input.filePrefix}_%Y%m%d_%H%M%S.mp4`,
  ];
}

/** The RTSP URL with the camera's credentials in it (for ffmpeg only; never logged). */
export function withCredentials(rtspUrl: string, username: string, password: string): string {
  if (username === '') return rtspUrl;
  const url = new URL(rtspUrl);
  url.username = encodeURIComponent(username);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** A file-name-safe camera prefix: the id with anything but letters, digits and dashes made a dash. */
export function segmentPrefix(cameraId: string): string {
  return cameraId.replace(/[^A-Za-z0-9-]/g, '-');
}

/** The UTC start written in a segment's name, or null when the name is not one of ours. */
export function segmentStartMs(name: string): number | null {
  const match = /_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})\.mp4$/.exec(name);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
}
