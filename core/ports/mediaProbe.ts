/** What processing needs to know about a recording before reading it. */
export interface MediaInfo {
  readonly durationSec: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly videoCodec: string;
  /** Decoded picture layout as ffmpeg names it (`yuv420p`, `yuvj420p`, `rgb24`), when known. */
  readonly pixelFormat?: string | undefined;
  /** Container creation_time, ISO-8601, when present. */
  readonly creationTime?: string | undefined;
}

/** Reads a recording's header. Throws InvalidMediaError when the file has no decodable video. */
export interface MediaProbe {
  probe(path: string, signal?: AbortSignal): Promise<MediaInfo>;
}
