import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { agentListingView } from '../../../core/agents/agentListingView';
import { agentConfigSchema } from '../../../core/edge/agentConfigSchema';
import { AgentRuntime } from '../../../edge-agent/agentRuntime';
import { openAgentState, type AgentState } from '../../../edge-agent/agentState';
import { listFolder } from '../../../edge-agent/watcher/listFolder';
import { createSiteProcessor } from '../../../edge-agent/wiring';
import { ManualClock } from './support/manualClock';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _encoding, done) => done() }));
const mapping = { layout: 'auto' as const, timeZone: '+07:00', renames: {}, excluded: [] };

/**
 * A site's export folder as people leave it: one NVR export folder holding
 * several cameras' files (with a browser's "(1)" copy), a camera's own folder
 * whose file has the same name as one elsewhere, a folder by date with no
 * camera in the file names, two cameras' files at the top, and a note.
 */
const files: Readonly<Record<string, string | null>> = {
  'Xuất NVR 18-07 (bản sao)/Cam1_20250718_093000.mp4': 'cam1',
  'Xuất NVR 18-07 (bản sao)/Cam2_20250718_093000.mp4': 'cam2',
  'Xuất NVR 18-07 (bản sao)/Cam2_20250718_094500.mp4': 'cam2',
  'Xuất NVR 18-07 (bản sao)/Cam2_20250718_094500 (1).mp4': 'cam2',
  'Xuất NVR 18-07 (bản sao)/ghi chú của quản lý.txt': null,
  // Camera keys drop accents; 'đ', which Unicode does not decompose, becomes 'd' (core/cameras/cameraKey.ts).
  'Bàn đóng gói/Cam1_20250718_093000.mp4': 'ban-dong-goi',
  'Camera cổng sau/2025-07-18/20250718_100000.mp4': 'camera-cong-sau',
  'Camera quầy đóng gói số 2 — kho Quận 7_20250718_093000.mp4': 'camera-quay-dong-goi-so-2-kho-quan-7',
  'Cam3_20250718_100000.mp4': 'cam3',
};

describe('a local folder holding several cameras is mapped by the agent as the web preview shows it', () => {
  let base: string;
  let root: string;
  let state: AgentState;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-cameras-'));
    root = path.join(base, 'Đầu ghi Kho Quận 7 — xuất ngày 18-07');
    for (const [index, relativePath] of Object.keys(files).entries()) {
      await mkdir(path.dirname(path.join(root, relativePath)), { recursive: true });
      // Each file its own content: none is the same video as another.
      await writeFile(path.join(root, relativePath), Buffer.alloc(4096 + index * 512, index + 1));
    }
    state = await openAgentState(path.join(base, 'state'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('takes each file of a mixed folder by the camera its name names, the same cameras and counts as the preview from the agent listing', async () => {
    const clock = new ManualClock(Date.parse('2026-12-03T08:00:00Z'));
    const site = await createSiteProcessor(state, { ffmpegPath: undefined, ffprobePath: undefined, searchPath: process.env.PATH });
    const runtime = new AgentRuntime({ clock, logger, seen: state.seen, queue: state.queue, processor: site.processor, scanIntervalMs: 3_600_000 });
    try {
      runtime.applyConfig(
        agentConfigSchema.parse({
          revision: 1,
          timeZone: 'Asia/Ho_Chi_Minh',
          sources: [{ sourceId: 'src_kho_q7', type: 'local', name: 'Kho Quận 7', paused: false, config: { path: root, settleSeconds: 5, mapping } }],
          uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
          disk: { maxUsedBytes: 5_000_000_000, minFreeBytes: 0, keepDaysAfterUpload: 7, whenFull: 'refuse_new' },
          heartbeatSeconds: 60,
        }),
      );
      await runtime.scanAll();
      clock.advance(6_000);
      await runtime.scanAll();
    } finally {
      runtime.stop();
      await site.close();
    }
    const jobs = await state.queue.ready(clock.now().getTime());
    const listing = await listFolder(root);
    const preview = await agentListingView({ listingAnswer: { ...listing, at: clock.now().toISOString() } }, root, mapping, true);

    const taken = Object.fromEntries(jobs.map((job) => [job.payload.relativePath, job.payload.cameraId]));
    const expected = Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== null));
    expect(taken).toEqual(expected);
    const countsOf = (cameraIds: readonly string[]) => Object.fromEntries([...new Set(cameraIds)].sort().map((id) => [id, cameraIds.filter((other) => other === id).length]));
    const previewed = Object.fromEntries((preview.preview?.cameras ?? []).map((camera) => [camera.cameraId, camera.fileCount]));
    expect(previewed).toEqual(countsOf(Object.values(taken)));
    expect(preview.preview?.skipped.map((skip) => skip.samples)).toEqual([['Xuất NVR 18-07 (bản sao)/ghi chú của quản lý.txt']]);
  });
});
