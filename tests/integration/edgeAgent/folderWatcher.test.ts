import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeenFiles } from '../../../edge-agent/state/seenFiles';
import { FolderWatcher, type SkippedFile, type TakenFile } from '../../../edge-agent/watcher/folderWatcher';
import { ManualClock } from './support/manualClock';
import { startSlowWriter } from './support/slowWriter';

const QUIET_MS = 60_000;

describe('FolderWatcher on a real folder', () => {
  let root: string;
  let stateDir: string;
  let clock: ManualClock;
  let taken: TakenFile[];
  let skipped: SkippedFile[];

  beforeEach(async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'vtrack-watch-'));
    root = path.join(base, 'Kho hàng — Quầy đóng gói');
    stateDir = path.join(base, 'state');
    await mkdir(root, { recursive: true });
    clock = new ManualClock(Date.parse('2026-12-03T08:00:00Z'));
    taken = [];
    skipped = [];
  });

  afterEach(async () => {
    await rm(path.dirname(root), { recursive: true, force: true });
  });

  async function watcher(): Promise<FolderWatcher> {
    return new FolderWatcher({
      sourceId: 'src-1',
      root,
      clock,
      seen: await SeenFiles.open(stateDir),
      rules: { quietMs: QUIET_MS },
      onTaken: async (file) => {
        taken.push(file);
      },
      onSkipped: (file) => skipped.push(file),
    });
  }

  /** A scan after the quiet period has passed on the agent's clock. */
  async function scanLater(subject: FolderWatcher) {
    clock.advance(QUIET_MS);
    return subject.scanOnce();
  }

  it('takes a finished video after two quiet sightings, once, under a long Vietnamese name', async () => {
    const name = `${'Camera quầy đóng gói số 2 — '.repeat(4)}Cam2_20250718_093000.mp4`;
    await mkdir(path.join(root, 'Cam2', '2025-07-18'), { recursive: true });
    await writeFile(path.join(root, 'Cam2', '2025-07-18', name), Buffer.alloc(300_000, 7));
    const subject = await watcher();

    expect((await subject.scanOnce()).taken).toBe(0);
    expect((await scanLater(subject)).taken).toBe(1);
    expect((await scanLater(subject)).taken).toBe(0);

    expect(taken.map((file) => file.relativePath)).toEqual([`Cam2/2025-07-18/${name}`]);
    expect(taken[0]?.fingerprint).toMatch(/^300000:[0-9a-f]{64}$/);
  });

  it('does not take a file while another process is still appending to it', async () => {
    const file = path.join(root, 'Cam1_20250718_093000.mp4');
    const writer = await startSlowWriter(file, { chunks: 15, chunkBytes: 4096, everyMs: 100, holdMs: 0 });
    const subject = await watcher();
    const exited = once(writer, 'exit');
    let takenWhileWriting = 0;
    while (writer.exitCode === null) {
      takenWhileWriting += (await scanLater(subject)).taken;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await exited;
    expect(takenWhileWriting).toBe(0);

    await subject.scanOnce();
    await scanLater(subject);
    expect(taken).toHaveLength(1);
    expect(taken[0]?.size).toBe(15 * 4096);
  });

  it('does not take a quiet file that a process still holds open for writing', async () => {
    const file = path.join(root, 'Cam1_20250718_094500.mp4');
    const writer = await startSlowWriter(file, { chunks: 2, chunkBytes: 4096, everyMs: 10, holdMs: 2_500 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const subject = await watcher();
    await subject.scanOnce();
    await scanLater(subject);
    await scanLater(subject);
    expect(taken).toHaveLength(0);

    await once(writer, 'exit');
    await scanLater(subject);
    expect(taken.map((entry) => entry.size)).toEqual([8192]);
  });

  it('recognises a renamed, moved or re-copied video and reports it instead of taking it again, also after a restart', async () => {
    await writeFile(path.join(root, 'Cam1_20250718_093000.mp4'), Buffer.alloc(500_000, 1));
    const first = await watcher();
    await first.scanOnce();
    await scanLater(first);
    expect(taken).toHaveLength(1);

    await mkdir(path.join(root, 'backup'));
    await rename(path.join(root, 'Cam1_20250718_093000.mp4'), path.join(root, 'backup', 'renamed.mp4'));
    await copyFile(path.join(root, 'backup', 'renamed.mp4'), path.join(root, 'copy of Cam1.mp4'));
    await writeFile(path.join(root, 'Cam1_20250718_100000.mp4'), Buffer.alloc(500_000, 2));

    const restarted = await watcher();
    await restarted.scanOnce();
    await scanLater(restarted);
    await scanLater(restarted);

    expect(taken.map((file) => file.relativePath)).toEqual(['Cam1_20250718_093000.mp4', 'Cam1_20250718_100000.mp4']);
    const duplicates = skipped.filter((entry) => entry.reason.startsWith('the same video as Cam1_20250718_093000.mp4'));
    expect(duplicates.map((entry) => entry.relativePath).sort()).toEqual(['backup/renamed.mp4', 'copy of Cam1.mp4']);
  });

  it('reports temporary, non-video and empty files once each and never takes them', async () => {
    await writeFile(path.join(root, 'Cam1_20250718_093000.mp4.part'), Buffer.alloc(1000));
    await writeFile(path.join(root, 'Thumbs.db'), Buffer.alloc(1000));
    await writeFile(path.join(root, 'Cam1_20250718_110000.mp4'), Buffer.alloc(0));
    const subject = await watcher();
    await subject.scanOnce();
    await scanLater(subject);
    await scanLater(subject);

    expect(taken).toHaveLength(0);
    expect(skipped.map((entry) => [entry.relativePath, entry.reason.split(' (')[0]]).sort()).toEqual([
      ['Cam1_20250718_093000.mp4.part', 'a temporary or hidden file'],
      ['Cam1_20250718_110000.mp4', 'an empty file'],
      ['Thumbs.db', 'not a video file'],
    ]);
  });

  it('says the folder is missing when the share is not mounted, and takes its files once it is back', async () => {
    const mounted = path.join(path.dirname(root), 'share');
    await rename(root, mounted);
    const subject = await watcher();
    expect((await subject.scanOnce()).problems).toBe(1);
    expect(skipped[0]?.reason).toContain('does not exist');

    await rename(mounted, root);
    await writeFile(path.join(root, 'Cam1_20250718_093000.mp4'), Buffer.alloc(1000, 3));
    await subject.scanOnce();
    await scanLater(subject);
    expect(taken).toHaveLength(1);
  });
});
