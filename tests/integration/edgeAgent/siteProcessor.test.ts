import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegClipCutter } from '../../../adapters/ffmpeg/ffmpegClipCutter';
import { FfmpegFrameSource } from '../../../adapters/ffmpeg/ffmpegFrameSource';
import { FfmpegProbe } from '../../../adapters/ffmpeg/ffmpegProbe';
import { locateFfmpeg } from '../../../adapters/ffmpeg/locateFfmpeg';
import { WorkerBarcodeReader } from '../../../adapters/barcode/workerBarcodeReader';
import type { EventRecord } from '../../../core/processing/events/toEventRecord';
import { defaultSamplingOptions } from '../../../core/processing/pipeline/defaultSamplingOptions';
import { createTrackingCodeMatcher } from '../../../core/processing/trackingCodes/createTrackingCodeMatcher';
import { defaultTrackingCodePatterns } from '../../../core/processing/trackingCodes/defaultTrackingCodePatterns';
import { CameraHistory } from '../../../edge-agent/processing/cameraHistory';
import { SiteProcessor } from '../../../edge-agent/processing/siteProcessor';
import { listBatches, readBatch } from '../../../edge-agent/uploader/outboxBatch';
import { sharedFixtures } from '../processing/helpers/paths';

const FIRST = 'Cam1_20250718_093000.mp4';
const SECOND = 'Cam1_20250718_093130.mp4';
const SPANNING = 'GHN41925412248';

describe('SiteProcessor on the shared fixtures (real ffmpeg and reader)', () => {
  let work: string;
  let reader: WorkerBarcodeReader;
  let processor: SiteProcessor;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'vtrack-site-'));
    for (const name of [FIRST, SECOND]) await copyFile(path.join(sharedFixtures, name), path.join(work, name));
    const tools = await locateFfmpeg({ searchPath: process.env.PATH });
    const probe = new FfmpegProbe(tools);
    reader = await WorkerBarcodeReader.create();
    processor = new SiteProcessor({
      ports: { probe, frameSource: new FfmpegFrameSource(tools, { probe }), reader, clipCutter: new FfmpegClipCutter(tools, { probe }) },
      history: await CameraHistory.open(path.join(work, 'state')),
      outboxDir: path.join(work, 'outbox'),
      matcher: createTrackingCodeMatcher(defaultTrackingCodePatterns),
      sampling: defaultSamplingOptions,
    });
  }, 120_000);

  afterAll(async () => {
    await reader?.close();
    await rm(work, { recursive: true, force: true });
  });

  const job = (name: string) => ({ sourceId: 'src-1', cameraId: 'cam1', timeZone: '+07:00', file: { absolutePath: path.join(work, name), name, fingerprint: name } });

  it('turns the order that spans two files into one event once the second file arrives, replacing the truncated one', async () => {
    const first = await processor.process(job(FIRST));
    const spanningFirst = first.events.find((event) => event.trackingCodes.includes(SPANNING));
    expect(spanningFirst?.files.map((file) => file.name)).toEqual([FIRST]);
    // The first batch's uploader may be reading this clip while the second file is processed: it must never change under it.
    const firstClip = path.join(work, 'outbox', 'src-1', spanningFirst?.clip ?? 'missing');
    const firstClipBytes = await readFile(firstClip);

    const second = await processor.process(job(SECOND));
    expect(second.neighbourSec, 'the first file\'s tail reads were kept: nothing of it is decoded again').toBe(0);
    const spanning = second.events.find((event) => event.trackingCodes.includes(SPANNING));
    expect(spanning?.id).toBe(spanningFirst?.id);
    expect(spanning?.files.map((file) => file.name)).toEqual([FIRST, SECOND]);
    expect(Date.parse(spanning?.end ?? '') - Date.parse('2025-07-18T09:31:32.633+07:00')).toBeLessThan(1000);

    const truth = JSON.parse(await readFile(path.join(sharedFixtures, 'Cam1_20250718_093000.truth.json'), 'utf8')) as { orders: { code: string }[] };
    const outbox = path.join(work, 'outbox', 'src-1');
    const records = await Promise.all(
      (await readdir(outbox)).filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(path.join(outbox, name), 'utf8')) as EventRecord),
    );
    expect(records.flatMap((record) => record.trackingCodes).sort()).toEqual(truth.orders.map((order) => order.code).sort());
    const clips = (await readdir(outbox)).filter((name) => name.endsWith('.mp4'));
    expect(spanning?.clip).not.toBe(spanningFirst?.clip);
    expect(clips.sort()).toEqual([...records.map((record) => record.clip), spanningFirst?.clip].sort());
    expect((await readFile(firstClip)).equals(firstClipBytes), 'the earlier version of the spanning clip is untouched').toBe(true);
  }, 240_000);

  it('reports a broken file as a failure of that file, writes no events for it, and leaves the cloud a report of it in the outbox', async () => {
    // Prepare: a file named like footage that is no video.
    const broken = path.join(work, 'Cam2_20250718_100000.mp4');
    await copyFile(path.join(sharedFixtures, 'Cam1_20250718_093000.truth.json'), broken);
    const before = await listBatches(path.join(work, 'outbox'));

    // Act
    const result = await processor.process({ sourceId: 'src-1', cameraId: 'cam2', timeZone: '+07:00', file: { absolutePath: broken, name: path.basename(broken), fingerprint: 'x' } });

    // Assess
    expect(result.events).toEqual([]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.file).toBe('Cam2_20250718_100000.mp4');
    const added = (await listBatches(path.join(work, 'outbox'))).filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    const report = await readBatch(path.join(work, 'outbox'), added[0] ?? '');
    expect(report).toEqual({
      kind: 'unprocessable',
      sourceId: 'src-1',
      cameraId: 'cam2',
      file: { absolutePath: broken, name: 'Cam2_20250718_100000.mp4', fingerprint: 'x', day: '2025-07-18', recordedAt: '2025-07-18T03:00:00.000Z', bytes: (await stat(broken)).size },
      error: result.failures[0]?.error,
    });
  }, 60_000);
});
