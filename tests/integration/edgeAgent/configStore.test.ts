import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { ConfigStore } from '../../../edge-agent/config/configStore';

const good: AgentConfig = {
  revision: 3,
  timeZone: 'Asia/Ho_Chi_Minh',
  sources: [{ sourceId: 'src-1', type: 'local', name: 'Kho Quận 7', paused: false, config: { path: '/srv/nvr/Quầy đóng gói' } }],
  uploads: { maxBytesPerSecond: 2_000_000, windows: [{ days: [1, 2, 3, 4, 5], start: '21:00', end: '06:00' }], keepOriginals: false },
  disk: { maxUsedBytes: 50_000_000_000, minFreeBytes: 5_000_000_000, keepDaysAfterUpload: 3, whenFull: 'refuse_new' },
  heartbeatSeconds: 60,
  settleSeconds: 120,
};

describe('ConfigStore', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'vtrack-config-'));
  });
  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('applies a valid configuration and still has it after a restart', async () => {
    const store = await ConfigStore.open(stateDir);
    expect(store.config).toBeNull();
    expect((await store.offer(good)).kind).toBe('applied');
    expect((await ConfigStore.open(stateDir)).config).toEqual(good);
  });

  it.each([
    ['config.uploads.maxBytesPerSecond', { uploads: { ...good.uploads, maxBytesPerSecond: 10 } }],
    ['config.uploads.windows.0.start', { uploads: { ...good.uploads, windows: [{ days: [1], start: '25:00', end: '06:00' }] } }],
    ['config.sources.0.config.path', { sources: [{ ...good.sources[0], config: { path: 'relative/folder' } }] }],
    ['config.disk.whenFull', { disk: { ...good.disk, whenFull: 'delete_everything' } }],
    ['config.heartbeatSeconds', { heartbeatSeconds: 0 }],
    ['config.sources.0.keepOriginals', { sources: [{ ...good.sources[0], keepOriginals: 'yes' }] }],
  ])('refuses a bad %s, names it, and keeps the last good configuration', async (field, change) => {
    const store = await ConfigStore.open(stateDir);
    await store.offer(good);
    const outcome = await store.offer({ ...good, revision: 4, ...change });
    expect(outcome).toMatchObject({ kind: 'refused', field, config: good });
    expect((await ConfigStore.open(stateDir)).config).toEqual(good);
  });

  it('applies a newer cloud\'s configuration without the fields this agent does not know, and names them', async () => {
    // Arrange: a cloud a release ahead sends fields at three depths, beside a change this agent knows.
    const store = await ConfigStore.open(stateDir);
    await store.offer(good);
    const newer = {
      ...good,
      revision: 4,
      heartbeatSeconds: 30,
      surprise: true,
      uploads: { ...good.uploads, resumeAfterMinutes: 5 },
      sources: [{ ...good.sources[0], clipCodec: 'hevc', config: { ...good.sources[0]?.config, followLinks: false } }],
    };
    // Act
    const outcome = await store.offer(newer);
    // Assess: applied, the unknown fields named and gone from what is kept; the cloud's object untouched.
    expect(outcome).toMatchObject({ kind: 'applied', config: { ...good, revision: 4, heartbeatSeconds: 30 } });
    expect(outcome.kind === 'applied' ? [...outcome.ignored].sort() : []).toEqual(['sources.0.clipCodec', 'sources.0.config.followLinks', 'surprise', 'uploads.resumeAfterMinutes']);
    expect((await ConfigStore.open(stateDir)).config).toEqual({ ...good, revision: 4, heartbeatSeconds: 30 });
    expect(newer.surprise).toBe(true);
  });

  it('still refuses a bad value of a known field when unknown fields come with it', async () => {
    const store = await ConfigStore.open(stateDir);
    await store.offer(good);
    const outcome = await store.offer({ ...good, revision: 4, surprise: true, disk: { ...good.disk, whenFull: 'delete_everything' } });
    expect(outcome).toMatchObject({ kind: 'refused', field: 'config.disk.whenFull', config: good });
  });

  it('ignores a configuration older than or as old as the one held (a late answer after a newer one)', async () => {
    const store = await ConfigStore.open(stateDir);
    await store.offer(good);
    expect((await store.offer({ ...good, revision: 2, heartbeatSeconds: 30 })).kind).toBe('unchanged');
    expect(store.config?.heartbeatSeconds).toBe(60);
  });

  it('starts without a configuration rather than crash when the stored file is damaged', async () => {
    await writeFile(path.join(stateDir, 'config.json'), '{"revision": 3, "time');
    expect((await ConfigStore.open(stateDir)).config).toBeNull();
  });
});
