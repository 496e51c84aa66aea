import { stat } from 'node:fs/promises';
import { InvalidMediaError } from '../../core/processing/errors';
import type { MediaInfo, MediaProbe } from '../../core/ports/mediaProbe';
import type { FfmpegTools } from './ffmpegTools';
import { runTool } from './runTool';

interface ProbeJson {
  streams?: { codec_type?: string; codec_name?: string; pix_fmt?: string; width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string; duration?: string }[];
  format?: { duration?: string; tags?: { creation_time?: string } };
}

/** Probes remembered (per file path, while its size and mtime are unchanged). */
const CACHE_SIZE = 64;

/**
 * MediaProbe on ffprobe: header only, so it is quick even for hour-long files.
 * A file unchanged since its last probe is not probed again: planning and then
 * sampling a file would otherwise start ffprobe twice for it.
 */
export class FfmpegProbe implements MediaProbe {
  private readonly cache = new Map<string, { readonly stamp: string; readonly info: MediaInfo }>();

  constructor(
    private readonly tools: FfmpegTools,
    private readonly timeoutMs = 30_000,
  ) {}

  async probe(path: string, signal?: AbortSignal): Promise<MediaInfo> {
    const stamp = await stat(path).then((s) => `${s.size}:${s.mtimeMs}`, () => undefined);
    const cached = this.cache.get(path);
    if (stamp && cached?.stamp === stamp) return cached.info;
    const info = await this.probeNow(path, signal);
    if (stamp) {
      this.cache.delete(path);
      this.cache.set(path, { stamp, info });
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return info;
  }

  private async probeNow(path: string, signal?: AbortSignal): Promise<MediaInfo> {
    const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
    const result = await runTool(this.tools.ffprobe, args, { timeoutMs: this.timeoutMs, signal, tool: 'ffprobe', file: path });
    if (result.code !== 0) {
      throw new InvalidMediaError(path, `not a readable video (${lastLine(result.stderr) || `ffprobe exit ${result.code}`})`);
    }
    let json: ProbeJson;
    try {
      json = JSON.parse(result.stdout) as ProbeJson;
    } catch (cause) {
      throw new InvalidMediaError(path, 'ffprobe printed something that is not JSON', { cause });
    }
    const video = json.streams?.find((s) => s.codec_type === 'video' && (s.width ?? 0) > 0);
    if (!video) throw new InvalidMediaError(path, 'has no video stream');
    const durationSec = Number(json.format?.duration ?? video.duration);
    if (!Number.isFinite(durationSec) || durationSec <= 0) throw new InvalidMediaError(path, 'has no duration (empty or unfinished recording)');
    return {
      durationSec,
      width: video.width!,
      height: video.height!,
      fps: parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate) || 25,
      videoCodec: video.codec_name ?? 'unknown',
      pixelFormat: video.pix_fmt,
      creationTime: json.format?.tags?.creation_time,
    };
  }
}

function parseRate(rate: string | undefined): number {
  const [num, den] = (rate ?? '').split('/').map(Number);
  return num && den ? num / den : 0;
}

const lastLine = (text: string): string => text.split('\n').filter(Boolean).at(-1) ?? '';
