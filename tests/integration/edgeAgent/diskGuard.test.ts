import { mkdir, mkdtemp, open, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { agentHeartbeatSchema } from '../../../core/agents/agent';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { DiskGuard } from '../../../edge-agent/disk/diskGuard';
import { FootageLedger } from '../../../edge-agent/state/footageLedger';

const MB = 1_000_000;
const DAY = 86_400_000;
const NOW = Date.parse('2025-07-20T12:00:00.000Z');

/** A file of `bytes` that takes no disk (sparse), so a 1 GB quota can be crossed in a temp folder. */
async function sparseFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w');
  await handle.truncate(bytes);
  await handle.write(Buffer.from(path.basename(file)), 0, undefined, 0);
  await handle.close();
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe('the disk guard on a real folder with a small quota', () => {
  let base: string;
  let footage: string;
  let stateDir: string;
  let logs: Record<string, unknown>[];
  let logger: ReturnType<typeof makeLogger>;

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'vtrack-disk-'));
    footage = path.join(base, 'Đầu ghi', 'Quầy 1');
    stateDir = path.join(base, 'state');
    await mkdir(footage, { recursive: true });
    await mkdir(path.join(stateDir, 'outbox'), { recursive: true });
    logs = [];
    logger = makeLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => { logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } }));
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  const config = (disk: Partial<AgentConfig['disk']>): AgentConfig => ({
    revision: 1,
    timeZone: 'Asia/Ho_Chi_Minh',
    sources: [],
    uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
    disk: { maxUsedBytes: 1_000 * MB, minFreeBytes: 0, keepDaysAfterUpload: 30, whenFull: 'refuse_new', ...disk },
    heartbeatSeconds: 60,
    settleSeconds: 5,
  });

  /** Five recordings of 300 MB, one a minute from 08:00; the first `uploaded` of them delivered a day ago. */
  async function fiveRecordings(ledger: FootageLedger, uploaded: number): Promise<string[]> {
    const files: string[] = [];
    for (let index = 0; index < 5; index++) {
      const file = path.join(footage, `Cam1_20250719_080${index}00 — ca sáng.mp4`);
      await sparseFile(file, 300 * MB);
      await ledger.taken({ id: `fp-${index}`, absolutePath: file, bytes: 300 * MB, recordedAt: `2025-07-19T01:0${index}:00.000Z` });
      if (index < uploaded) await ledger.delivered(`fp-${index}`, new Date(NOW - DAY).toISOString(), false);
      files.push(file);
    }
    return files;
  }

  it('over the quota deletes the oldest uploaded footage first, exactly enough, logs each one and reports it once', async () => {
    const ledger = await FootageLedger.open(stateDir);
    const files = await fiveRecordings(ledger, 3);
    await writeFile(path.join(stateDir, 'outbox', 'clip.mp4'), Buffer.alloc(2 * MB));
    const guard = new DiskGuard({ stateDir, outboxDir: path.join(stateDir, 'outbox'), ledger, logger, nowMs: () => NOW });

    // 1,500 MB of footage + 2 MB outbox against 1,000 MB: 502 MB over, so two uploaded files go.
    const report = await guard.check(config({}));

    expect(report.deleted.map((item) => [path.basename(item.file), item.reason])).toEqual([
      ['Cam1_20250719_080000 — ca sáng.mp4', 'uploaded_oldest'],
      ['Cam1_20250719_080100 — ca sáng.mp4', 'uploaded_oldest'],
    ]);
    expect(await Promise.all(files.map(exists))).toEqual([false, false, true, true, true]);
    expect(report.refusingNew).toBe(false);
    expect(report.usedBytes).toBe(902 * MB);
    expect(logs.filter((line) => line['msg'] === 'footage deleted').map((line) => [path.basename(String(line['file'])), line['reason'], line['bytes']])).toEqual([
      ['Cam1_20250719_080000 — ca sáng.mp4', 'uploaded_oldest', 300 * MB],
      ['Cam1_20250719_080100 — ca sáng.mp4', 'uploaded_oldest', 300 * MB],
    ]);
    const deleted = guard.takeDeletions();
    expect(deleted).toHaveLength(2);
    expect(guard.takeDeletions()).toEqual([]);
    const heartbeat = { version: '0.1.0', hostname: 'kho', uptimeSec: 5, disk: { usedBytes: report.usedBytes, freeBytes: report.freeBytes }, queueDepth: 0, uploadBytesPerSec: 0, sources: [], diskCleanup: { refusingNew: false, deleted, moreDeleted: 0 }, uploadBacklog: 0 };
    expect(agentHeartbeatSchema.safeParse(heartbeat).success).toBe(true);
    expect((await FootageLedger.open(stateDir)).list().map((item) => item.id)).toEqual(['fp-2', 'fp-3', 'fp-4']);
  });

  it('with nothing uploaded left, refuse_new deletes nothing more and says so; drop_oldest deletes the oldest not uploaded and says that loudly', async () => {
    const ledger = await FootageLedger.open(stateDir);
    const files = await fiveRecordings(ledger, 1);
    const refusing = new DiskGuard({ stateDir, outboxDir: path.join(stateDir, 'outbox'), ledger, logger, nowMs: () => NOW });

    const refused = await refusing.check(config({ whenFull: 'refuse_new' }));

    expect(refused.deleted.map((item) => item.reason)).toEqual(['uploaded_oldest']);
    expect(refused.refusingNew).toBe(true);
    expect(refusing.refusingNew).toBe(true);
    expect(await Promise.all(files.map(exists))).toEqual([false, true, true, true, true]);
    expect(logs.some((line) => line['msg'] === 'disk full: new footage is refused until space is back (refuse_new)')).toBe(true);

    const dropping = new DiskGuard({ stateDir, outboxDir: path.join(stateDir, 'outbox'), ledger, logger, nowMs: () => NOW });
    const dropped = await dropping.check(config({ whenFull: 'drop_oldest' }));

    expect(dropped.deleted.map((item) => [path.basename(item.file), item.reason])).toEqual([['Cam1_20250719_080100 — ca sáng.mp4', 'not_uploaded_dropped']]);
    expect(dropped.refusingNew).toBe(false);
    expect(await Promise.all(files.map(exists))).toEqual([false, false, true, true, true]);
    expect(logs.filter((line) => line['level'] === 50 && line['msg'] === 'footage deleted before upload: the disk is full (drop_oldest)')).toHaveLength(1);
  });

  it('deletes footage past its retention even within the limits, keeps the free space asked for, and never deletes a file that changed', async () => {
    const ledger = await FootageLedger.open(stateDir);
    const old = path.join(footage, 'Cam2_20250701_070000.mp4');
    await sparseFile(old, 10 * MB);
    await ledger.taken({ id: 'fp-old', absolutePath: old, bytes: 10 * MB, recordedAt: '2025-07-01T00:00:00.000Z' });
    await ledger.delivered('fp-old', new Date(NOW - 4 * DAY).toISOString(), true);
    const replaced = path.join(footage, 'Cam2_20250718_070000.mp4');
    await sparseFile(replaced, 10 * MB);
    await ledger.taken({ id: 'fp-replaced', absolutePath: replaced, bytes: 10 * MB, recordedAt: '2025-07-18T00:00:00.000Z' });
    await ledger.delivered('fp-replaced', new Date(NOW - DAY).toISOString(), true);
    await sparseFile(replaced, 11 * MB); // someone copied another recording over it
    const recent = path.join(footage, 'Cam2_20250719_070000.mp4');
    await sparseFile(recent, 10 * MB);
    await ledger.taken({ id: 'fp-recent', absolutePath: recent, bytes: 10 * MB, recordedAt: '2025-07-19T00:00:00.000Z' });
    await ledger.delivered('fp-recent', new Date(NOW - DAY).toISOString(), true);
    const guard = new DiskGuard({ stateDir, outboxDir: path.join(stateDir, 'outbox'), ledger, logger, nowMs: () => NOW });

    const retention = await guard.check(config({ keepDaysAfterUpload: 3 }));
    expect(retention.deleted.map((item) => [path.basename(item.file), item.reason])).toEqual([['Cam2_20250701_070000.mp4', 'retention']]);
    expect([await exists(old), await exists(replaced), await exists(recent)]).toEqual([false, true, true]);

    // The real disk's free space plus 15 MB asked for: the two remaining uploaded files are next; the changed one is only forgotten.
    const disk = await statfs(stateDir);
    const freeNow = disk.bavail * disk.bsize;
    const tight = await guard.check(config({ keepDaysAfterUpload: 3, minFreeBytes: freeNow + 15 * MB }));
    expect(tight.deleted.map((item) => path.basename(item.file))).toEqual(['Cam2_20250719_070000.mp4']);
    expect([await exists(replaced), await exists(recent)]).toEqual([true, false]);
    expect(logs.some((line) => line['msg'] === 'footage changed or gone since it was taken; forgotten, not deleted')).toBe(true);
    expect(ledger.list()).toEqual([]);
  });

  it('reclaims files it could not read once the cloud acknowledged their report and the source keeps clips only: oldest first beside uploaded footage, and after retention', async () => {
    // Prepare: 300 MB recordings a minute apart — unreadable ones reported (clips only), one not yet acknowledged,
    // one whose source keeps originals (not uploaded) — beside uploaded and not yet uploaded footage.
    const ledger = await FootageLedger.open(stateDir);
    const recording = async (index: number, kind: 'reported' | 'unacknowledged' | 'original_wanted' | 'uploaded' | 'waiting'): Promise<string> => {
      const file = path.join(footage, `Cam1_20250719_080${index}00.mp4`);
      await sparseFile(file, 300 * MB);
      await ledger.taken({ id: `fp-${index}`, absolutePath: file, bytes: 300 * MB, recordedAt: `2025-07-19T01:0${index}:00.000Z` });
      if (kind === 'reported') await ledger.reported(`fp-${index}`, new Date(NOW - DAY).toISOString(), false);
      if (kind === 'original_wanted') await ledger.reported(`fp-${index}`, new Date(NOW - DAY).toISOString(), true);
      if (kind === 'uploaded') await ledger.delivered(`fp-${index}`, new Date(NOW - DAY).toISOString(), false);
      return file;
    };
    const files = [
      await recording(0, 'reported'),
      await recording(1, 'unacknowledged'),
      await recording(2, 'original_wanted'),
      await recording(3, 'uploaded'),
      await recording(4, 'waiting'),
      await recording(5, 'reported'),
    ];
    const guard = new DiskGuard({ stateDir, outboxDir: path.join(stateDir, 'outbox'), ledger, logger, nowMs: () => NOW });

    // Act: 1,800 MB against 1,000 MB (800 MB over), refuse_new.
    const report = await guard.check(config({ whenFull: 'refuse_new' }));

    // Assess: three files go, oldest first; nothing unacknowledged, wanted in the cloud or not uploaded.
    expect(report.deleted.map((item) => [path.basename(item.file), item.reason])).toEqual([
      ['Cam1_20250719_080000.mp4', 'unreadable_reported'],
      ['Cam1_20250719_080300.mp4', 'uploaded_oldest'],
      ['Cam1_20250719_080500.mp4', 'unreadable_reported'],
    ]);
    expect(await Promise.all(files.map(exists))).toEqual([false, true, true, false, true, false]);
    expect(report.refusingNew).toBe(false);
    const heartbeat = { version: '0.1.0', hostname: 'kho', uptimeSec: 5, disk: { usedBytes: report.usedBytes, freeBytes: report.freeBytes }, queueDepth: 0, uploadBytesPerSec: 0, sources: [], diskCleanup: { refusingNew: false, deleted: guard.takeDeletions(), moreDeleted: 0 }, uploadBacklog: 0 };
    expect(agentHeartbeatSchema.safeParse(heartbeat).success).toBe(true);

    // Act: within the limits, the reported file's retention runs out like uploaded footage's (3 days after its report).
    const reopened = await FootageLedger.open(stateDir);
    const late = path.join(footage, 'Cam1_20250715_080000.mp4');
    await sparseFile(late, 10 * MB);
    await reopened.taken({ id: 'fp-late', absolutePath: late, bytes: 10 * MB, recordedAt: '2025-07-15T01:00:00.000Z' });
    await reopened.reported('fp-late', new Date(NOW - 4 * DAY).toISOString(), false);
    const retention = await new DiskGuard({ stateDir, outboxDir: path.join(stateDir, 'outbox'), ledger: reopened, logger, nowMs: () => NOW }).check(config({ maxUsedBytes: 10_000 * MB, keepDaysAfterUpload: 3 }));

    // Assess: only the file reported four days ago goes; the ones reported a day ago, unacknowledged or wanted stay.
    expect(retention.deleted.map((item) => [path.basename(item.file), item.reason])).toEqual([['Cam1_20250715_080000.mp4', 'retention']]);
    expect(reopened.list().map((item) => item.id).sort()).toEqual(['fp-1', 'fp-2', 'fp-4']);
  });
});
