import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { AGENT_VERSION } from '../../../core/edge/agentVersion';
import { sharedFixtures } from '../processing/helpers/paths';
import { RELEASE, runBundled } from './support/runBundled';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm run agent:release: one tarball that runs on plain Node.js', () => {
  let work: string;
  let unpacked: string;
  let tarball: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'vtrack-release-'));
    const built = spawnSync('npm', ['run', '-s', 'agent:release', '--', '--out', path.join(work, 'out')], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
    // npm may warn on stderr about its own settings; the build's own problems fail it.
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toContain(`${RELEASE}.tar.gz`);
    tarball = path.join(work, 'out', `${RELEASE}.tar.gz`);
    unpacked = path.join(work, 'site box');
    await mkdir(unpacked);
    expect(spawnSync('tar', ['-xzf', tarball, '-C', unpacked]).status).toBe(0);
  }, 200_000);
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('holds the bundle, its barcode worker and WebAssembly, the install script and the unit, and nothing from node_modules', async () => {
    expect(await readdir(unpacked)).toEqual([RELEASE]);
    expect((await readdir(path.join(unpacked, RELEASE))).sort()).toEqual(['THIRD-PARTY-NOTICES.txt', 'VERSION', 'install.sh', 'vtrack-agent.mjs', 'vtrack-agent.service', 'zxingWorker.mjs', 'zxing_reader.wasm']);
    expect((await readFile(path.join(unpacked, RELEASE, 'VERSION'), 'utf8')).trim()).toBe(AGENT_VERSION);
    const bundle = await readFile(path.join(unpacked, RELEASE, 'vtrack-agent.mjs'), 'utf8');
    // Only Node's own modules are imported: every package is inside.
    const imported = [...bundle.matchAll(/^import\s.*?from\s*["']([^"']+)["']/gm), ...bundle.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] ?? '');
    expect(imported.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    expect(await readFile(path.join(unpacked, RELEASE, 'THIRD-PARTY-NOTICES.txt'), 'utf8')).toMatch(/^zod \d+\.\d+\.\d+ \(MIT\)$/m);
    for (let dir = unpacked; dir !== path.dirname(dir); dir = path.dirname(dir)) expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
  });

  it('writes the SHA-256 beside the tarball, as sha256sum -c reads it', async () => {
    const sha256 = createHash('sha256').update(await readFile(tarball)).digest('hex');
    expect(await readFile(`${tarball}.sha256`, 'utf8')).toBe(`${sha256}  ${RELEASE}.tar.gz\n`);
    expect(spawnSync('sha256sum', ['-c', `${RELEASE}.tar.gz.sha256`], { cwd: path.dirname(tarball), encoding: 'utf8' }).stdout).toBe(`${RELEASE}.tar.gz: OK\n`);
  });

  it('answers vtrack-agent --help and status from the bundle with plain node', async () => {
    const help = runBundled(unpacked, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: vtrack-agent <command> [options]');
    expect(help.stdout).toMatch(/enrol[\s\S]*run[\s\S]*status/);

    const status = runBundled(unpacked, ['status', '--state-dir', path.join(unpacked, 'state')]);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ configRevision: null, sources: [] });
  });

  it('runs from the bundle: takes a settled video, reads its codes with the bundled worker, and stops on SIGTERM', async () => {
    const folder = path.join(unpacked, 'Đầu ghi', 'Quầy 1');
    await mkdir(folder, { recursive: true });
    const config: AgentConfig = {
      revision: 1,
      timeZone: 'Asia/Ho_Chi_Minh',
      sources: [{ sourceId: 'src-release', type: 'local', name: 'Quầy 1', paused: false, config: { path: folder, settleSeconds: 5, mapping: { layout: 'auto', timeZone: '+07:00', renames: {}, excluded: [] } } }],
      uploads: { maxBytesPerSecond: null, windows: [], keepOriginals: false },
      disk: { maxUsedBytes: 10_000_000_000, minFreeBytes: 0, keepDaysAfterUpload: 3, whenFull: 'refuse_new' },
      heartbeatSeconds: 60,
      settleSeconds: 5,
    };
    const configFile = path.join(unpacked, 'site.json');
    await writeFile(configFile, JSON.stringify(config));
    await copyFile(path.join(sharedFixtures, 'Cam1_20250718_093000.mp4'), path.join(folder, 'Cam1_20250718_093000.mp4'));

    const agent = spawn(process.execPath, [path.join(unpacked, RELEASE, 'vtrack-agent.mjs'), 'run', '--state-dir', path.join(unpacked, 'run-state'), '--config', configFile], {
      cwd: unpacked,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: unpacked, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    agent.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    agent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => agent.on('exit', resolve));
    try {
      const deadline = Date.now() + 90_000;
      while (!stdout.includes('"msg":"file processed"') && agent.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      agent.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    expect(stderr).toBe('');
    const processed = stdout.split('\n').filter((line) => line.includes('"msg":"file processed"')).map((line) => JSON.parse(line) as { events: number });
    expect(processed).toHaveLength(1);
    expect(processed[0]?.events).toBeGreaterThan(0);
    expect(stdout).toContain('"msg":"agent stopped"');
    const events = (await readdir(path.join(unpacked, 'run-state', 'outbox', 'src-release'))).filter((name) => name.endsWith('.json'));
    expect(events.length).toBe(processed[0]?.events);
  }, 120_000);

  it('installs from the unpacked release with Node.js and ffmpeg alone: the bundle to /opt, no npm (dry run)', () => {
    const script = path.join(unpacked, RELEASE, 'install.sh');
    const planned = spawnSync('bash', [script, '--dry-run', '--api', 'https://kho.vtrack.example', '--code', 'ABCDE23456'], { encoding: 'utf8', timeout: 60_000 });

    expect(planned.stderr).toBe('');
    expect(planned.status).toBe(0);
    expect(planned.stdout).toContain(`== VTrack edge agent ${AGENT_VERSION}: installing the release in ${path.join(unpacked, RELEASE)}`);
    for (const file of ['vtrack-agent.mjs', 'zxingWorker.mjs', 'zxing_reader.wasm']) {
      expect(planned.stdout).toContain(`would run: install -m 0644 ${path.join(unpacked, RELEASE, file).replace(/ /g, '\\ ')} /opt/vtrack-agent/${file}`);
    }
    expect(planned.stdout).toContain('exec node /opt/vtrack-agent/vtrack-agent.mjs "$@"');
    expect(planned.stdout).not.toMatch(/npm|tsx/);
    expect(planned.stdout).toContain('ExecStart=/usr/local/bin/vtrack-agent run --state-dir /var/lib/vtrack-agent');
    expect(planned.stdout).toContain('would run: systemctl enable --now vtrack-agent.service');
  });
});
