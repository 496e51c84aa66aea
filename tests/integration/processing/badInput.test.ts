import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import { FfmpegProbe } from '../../../adapters/ffmpeg/ffmpegProbe';
import { FfmpegFrameSource } from '../../../adapters/ffmpeg/ffmpegFrameSource';
import type { FfmpegTools } from '../../../adapters/ffmpeg/ffmpegTools';
import { ZxingBarcodeReader } from '../../../adapters/barcode/zxingBarcodeReader';
import { processRecordings, type ProcessingPorts } from '../../../core/processing/pipeline/processRecordings';
import { createTrackingCodeMatcher } from '../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { parseTimeZone } from '../../../core/time/timeZone';
import { InvalidMediaError, MediaTimeoutError, ToolNotFoundError } from '../../../core/processing/errors';
import { sharedFixtures, tmpRoot } from './helpers/paths';
import { runVtrack } from './helpers/runVtrack';
import { readTruth } from './helpers/truth';

const dir = resolve(tmpRoot, 'bad-input');
const fixture = join(sharedFixtures, 'Cam1_20250718_093000.mp4');
let tools: FfmpegTools;
let ports: ProcessingPorts;

const analyse = (file: string) =>
  processRecordings(ports, {
    files: [{ path: file, name: 'Cam1_20250718_093000.mp4' }],
    timeZone: parseTimeZone('+07:00'),
    matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns),
    sampling: { fps: 2, width: 1280, verticalSqueeze: 2 },
  });

describe('bad input never crashes or hangs', () => {
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const bytes = readFileSync(fixture);
    writeFileSync(join(dir, 'zero.mp4'), Buffer.alloc(0));
    writeFileSync(join(dir, 'notes.mp4'), 'this is a shopping list, not a video\n');
    writeFileSync(join(dir, 'truncated.mp4'), bytes.subarray(0, Math.floor(bytes.length * 0.4)));
    const corrupt = Buffer.from(bytes);
    for (let i = 200_000; i < 1_200_000; i += 997) corrupt[i] = (corrupt[i]! * 31 + 7) & 0xff;
    writeFileSync(join(dir, 'corrupt.mp4'), corrupt);
    tools = await locateFfmpeg({ searchPath: process.env.PATH });
    const probe = new FfmpegProbe(tools);
    ports = { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader: await ZxingBarcodeReader.create() };
  });

  it.each(['zero.mp4', 'notes.mp4'])('reports %s as not a readable video and finds nothing', async (name) => {
    const result = await analyse(join(dir, name));
    expect(result.events).toEqual([]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]!.error).toBeInstanceOf(InvalidMediaError);
    expect(result.failures[0]!.error.message).toContain(name);
  });

  it('keeps what a truncated recording has: codes from its first part, nothing invented', async () => {
    const truthCodes = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json')).orders.map((o) => o.code);
    const result = await analyse(join(dir, 'truncated.mp4'));
    const codes = result.events.flatMap(({ event }) => event.trackingCodes);
    expect(codes.length).toBeGreaterThan(2);
    expect(codes.every((c) => truthCodes.includes(c))).toBe(true);
    expect(codes).toContain('SPXVN417776317');
  });

  it('gets through a recording with damaged data and reports only real codes', async () => {
    const truthCodes = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json')).orders.map((o) => o.code);
    const result = await analyse(join(dir, 'corrupt.mp4'));
    const codes = result.events.flatMap(({ event }) => event.trackingCodes);
    expect(codes.every((c) => truthCodes.includes(c))).toBe(true);
    expect(codes.length + result.failures.length).toBeGreaterThan(0);
  });

  it('kills a decoder that stops producing frames and says so', async () => {
    // Prepare: an "ffmpeg" that never writes a byte.
    const stuck = join(dir, 'stuck-ffmpeg.sh');
    writeFileSync(stuck, '#!/bin/sh\nexec sleep 60\n');
    chmodSync(stuck, 0o755);
    const source = new FfmpegFrameSource({ ffmpeg: stuck, ffprobe: tools.ffprobe }, { stallTimeoutMs: 500 });
    // Act
    const started = Date.now();
    const consume = async (): Promise<void> => {
      for await (const _frame of source.frames(fixture, { fps: 1, width: 320 })) {
        // no frame is expected
      }
    };
    // Assess
    await expect(consume()).rejects.toBeInstanceOf(MediaTimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('explains how to install ffmpeg when it is not on PATH', async () => {
    const attempt = locateFfmpeg({ searchPath: dir });
    await expect(attempt).rejects.toBeInstanceOf(ToolNotFoundError);
    await expect(attempt).rejects.toThrow(/apt-get install ffmpeg/);
  });

  it('makes the CLI exit 1 with the install hint when VTRACK_FFMPEG points nowhere', async () => {
    const run = await runVtrack(['process', fixture, '--out', join(dir, 'out-missing')], { ...process.env, VTRACK_FFMPEG: join(dir, 'no-such-ffmpeg') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ffmpeg not found at .*no-such-ffmpeg/);
    expect(run.stderr).toContain('apt-get install ffmpeg');
  });

  it('makes the CLI write the good files\' events and exit 1 when one input is not a video', async () => {
    const out = join(dir, 'out-mixed');
    const run = await runVtrack(['process', fixture, join(dir, 'notes.mp4'), '--out', out, '--tz', '+07:00', '--clips', 'none', '--fps', '2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('notes.mp4');
    const written = JSON.parse(readFileSync(join(out, 'events.json'), 'utf8')) as { events: unknown[]; failures: { file: string }[] };
    expect(written.events.length).toBeGreaterThan(5);
    expect(written.failures.map((f) => f.file)).toEqual(['notes.mp4']);
  });

  it('rejects a bad flag with exit 2 and the usage', async () => {
    const run = await runVtrack(['process', fixture, '--out', join(dir, 'x'), '--tz', 'Mars/Olympus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown time zone "Mars\/Olympus"/);
    expect(run.stderr).toContain('Usage: vtrack process');
  });
});
