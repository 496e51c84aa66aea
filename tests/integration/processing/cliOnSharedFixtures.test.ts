import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedFixtures, tmpRoot } from './helpers/paths';
import { compareWithTruth, readTruth } from './helpers/truth';
import { runVtrack, type CliRun } from './helpers/runVtrack';
import type { EventRecord } from '../../../core/processing/events/toEventRecord';

const truth = readTruth(join(sharedFixtures, 'Cam1_20250718_093000.truth.json'));
const outDir = resolve(tmpRoot, 'out-shared');
let run: CliRun;
let events: EventRecord[];

const probe = (file: string): { codec: string; duration: number } => {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file]).toString();
  const json = JSON.parse(out) as { streams: { codec_name: string }[]; format: { duration: string } };
  return { codec: json.streams[0]!.codec_name, duration: Number(json.format.duration) };
};

describe('npx vtrack process on the shared fixtures', () => {
  beforeAll(async () => {
    // Prepare + Act, once for every assertion below: the real CLI, real ffmpeg, real zxing-wasm.
    rmSync(outDir, { recursive: true, force: true });
    const files = truth.files.map((f) => join(sharedFixtures, f.name));
    run = await runVtrack(['process', ...files, '--out', outDir, '--tz', '+07:00']);
    events = (JSON.parse(readFileSync(join(outDir, 'events.json'), 'utf8')) as { events: EventRecord[] }).events;
  }, 180_000);

  it('exits 0 and prints a one-line summary when not on a terminal', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/processed 2\/2 file\(s\), 180 s of footage .* 17 event\(s\), 17 clip\(s\)/);
  });

  it('finds every ground-truth code, nothing else, with start and end within 1 s', () => {
    expect(compareWithTruth(events, truth.orders)).toEqual([]);
    expect(events).toHaveLength(truth.orders.length);
  });

  it('writes times as ISO-8601 UTC taken from the file names in the camera zone', () => {
    const first = events.find((e) => e.trackingCodes.includes('SPXVN417776317'))!;
    expect(first.start).toMatch(/^2025-07-18T02:30:0[23]\.\d{3}Z$/);
    expect(first.camera).toBe('Cam1');
  });

  it('makes the order across the two files one event with one joined clip', () => {
    const spanning = truth.orders.find((o) => o.files.length === 2)!;
    const event = events.find((e) => e.trackingCodes.includes(spanning.code))!;
    expect(event.files.map((f) => f.name)).toEqual(spanning.files);
    const clip = probe(join(outDir, event.clip!));
    const window = (Date.parse(event.clipEnd) - Date.parse(event.clipStart)) / 1000;
    // Packet copy ends on a packet boundary (B-frame reordering): a few frames over, never short.
    expect(clip.duration).toBeGreaterThan(window - 0.3);
    expect(clip.duration).toBeLessThan(window + 0.6);
  });

  it('writes one browser-playable clip per event: H.264 mp4, index first, covering the event', () => {
    for (const event of events) {
      const file = join(outDir, event.clip!);
      expect(existsSync(file)).toBe(true);
      const { codec, duration } = probe(file);
      expect(codec).toBe('h264');
      const head = readFileSync(file).subarray(0, 64 * 1024).toString('latin1');
      expect(head.indexOf('moov')).toBeGreaterThan(-1);
      expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat') === -1 ? Infinity : head.indexOf('mdat'));
      // Copy mode starts at the keyframe at or before the window: never later, at most one GOP (2 s) earlier.
      const lead = (Date.parse(event.start) - Date.parse(event.clipStart)) / 1000;
      expect(lead).toBeGreaterThanOrEqual(0);
      expect(duration).toBeGreaterThanOrEqual((Date.parse(event.end) - Date.parse(event.start)) / 1000);
    }
  });
});
