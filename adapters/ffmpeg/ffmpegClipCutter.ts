import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ValidationError } from '../../core/errors';
import { InvalidMediaError } from '../../core/processing/errors';
import type { ClipCutter, ClipPart, ClipRequest, ClipResult } from '../../core/ports/clipCutter';
import type { MediaProbe } from '../../core/ports/mediaProbe';
import type { FfmpegTools } from './ffmpegTools';
import { FfmpegProbe } from './ffmpegProbe';
import { findKeyframeBefore } from './findKeyframeBefore';
import { runTool } from './runTool';

/** Browser-playable output: H.264 in MP4 with the index up front so playback starts before the download ends. */
const H264_ENCODE = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p'];
const MP4_OUT = ['-movflags', '+faststart', '-f', 'mp4'];

/**
 * ClipCutter on ffmpeg. `copy` starts at the keyframe at or before the requested
 * start and copies packets (no re-encode: many times real time); `accurate`
 * re-encodes from the exact frame. Footage that is not H.264 is always re-encoded,
 * since browsers cannot play HEVC in MP4 everywhere. Several parts (an order across
 * two segment files) are joined into one clip.
 */
export class FfmpegClipCutter implements ClipCutter {
  private readonly probe: MediaProbe;

  constructor(
    private readonly tools: FfmpegTools,
    options: { probe?: MediaProbe } = {},
  ) {
    this.probe = options.probe ?? new FfmpegProbe(tools);
  }

  async cut(request: ClipRequest, signal?: AbortSignal): Promise<ClipResult> {
    const parts = request.parts;
    const first = parts[0];
    if (!first) throw new ValidationError('parts', 'a clip needs at least one part');
    for (const [i, p] of parts.entries()) {
      if (!(p.toSec > p.fromSec && p.fromSec >= 0)) throw new ValidationError(`parts.${i}`, `empty or negative range ${p.fromSec}..${p.toSec}`);
    }
    await mkdir(dirname(request.outPath), { recursive: true });
    const infos = await Promise.all(parts.map((p) => this.probe.probe(p.path, signal)));
    const copy = request.mode === 'copy' && infos.every((i) => i.videoCodec === 'h264');
    const wantedSec = parts.reduce((s, p) => s + p.toSec - p.fromSec, 0);
    const leadSec = copy ? first.fromSec - (await findKeyframeBefore(this.tools, first.path, first.fromSec, { signal })) : 0;
    const timeoutMs = Math.max(60_000, (wantedSec + leadSec) * (copy ? 1_000 : 10_000));
    const args = copy
      ? await this.copyArgs(parts, first.fromSec - leadSec, request.outPath)
      : this.encodeArgs(parts, request.outPath);
    try {
      const result = await runTool(this.tools.ffmpeg, args.argv, { timeoutMs, signal, tool: 'ffmpeg', file: first.path });
      if (result.code !== 0) {
        throw new InvalidMediaError(first.path, `ffmpeg could not cut the clip (exit ${result.code}): ${result.stderr.split('\n').slice(-3).join(' | ')}`);
      }
    } finally {
      if (args.tempDir) await rm(args.tempDir, { recursive: true, force: true });
    }
    const out = await this.probe.probe(request.outPath, signal);
    return { outPath: request.outPath, leadSec: round3(leadSec), durationSec: out.durationSec };
  }

  /** Packet copy; several parts go through the concat demuxer with in/out points. */
  private async copyArgs(parts: readonly ClipPart[], startSec: number, outPath: string): Promise<{ argv: string[]; tempDir?: string }> {
    const [first] = parts as [ClipPart, ...ClipPart[]];
    const common = ['-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy', '-avoid_negative_ts', 'make_zero', ...MP4_OUT, '-y', outPath];
    if (parts.length === 1) {
      return { argv: ['-nostdin', '-v', 'error', '-ss', startSec.toFixed(3), '-i', first.path, '-t', (first.toSec - startSec).toFixed(3), ...common] };
    }
    const tempDir = await mkdtemp(join(tmpdir(), 'vtrack-clip-'));
    const list = join(tempDir, 'parts.ffconcat');
    const lines = ['ffconcat version 1.0'];
    parts.forEach((p, i) => {
      lines.push(`file '${(isUrl(p.path) ? p.path : resolve(p.path)).replace(/'/g, "'\\''")}'`);
      const from = i === 0 ? startSec : p.fromSec;
      if (from > 0) lines.push(`inpoint ${from.toFixed(3)}`);
      lines.push(`outpoint ${p.toSec.toFixed(3)}`);
    });
    await writeFile(list, `${lines.join('\n')}\n`);
    // Footage read over HTTP (a presigned URL): the concat demuxer opens only local files unless told which protocols it may use.
    const protocols = parts.some((p) => isUrl(p.path)) ? ['-protocol_whitelist', 'file,http,https,tcp,tls,crypto'] : [];
    return { argv: ['-nostdin', '-v', 'error', '-f', 'concat', '-safe', '0', ...protocols, '-i', list, ...common], tempDir };
  }

  /** Frame-exact re-encode; parts are trimmed on input (accurate seek) and joined with the concat filter. */
  private encodeArgs(parts: readonly ClipPart[], outPath: string): { argv: string[]; tempDir?: string } {
    const inputs = parts.flatMap((p) => ['-ss', p.fromSec.toFixed(3), '-t', (p.toSec - p.fromSec).toFixed(3), '-i', p.path]);
    const mapping =
      parts.length === 1
        ? ['-map', '0:v:0', '-map', '0:a:0?', '-c:a', 'aac']
        : ['-filter_complex', `${parts.map((_, i) => `[${i}:v:0]`).join('')}concat=n=${parts.length}:v=1:a=0[v]`, '-map', '[v]'];
    return { argv: ['-nostdin', '-v', 'error', ...inputs, ...mapping, ...H264_ENCODE, ...MP4_OUT, '-y', outPath] };
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const isUrl = (path: string): boolean => /^https?:\/\//i.test(path);
