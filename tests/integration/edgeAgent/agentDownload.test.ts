import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentReleaseFiles } from '../../../core/agents/agentInstallCommand';
import type { EnrolmentView } from '../../../core/api/agentsApi';
import { AGENT_VERSION } from '../../../core/edge/agentVersion';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';
import { RELEASE, runBundled } from './support/runBundled';

const files = agentReleaseFiles(AGENT_VERSION);

/** Runs a command line in bash without blocking this process, which serves the stack the command downloads from. */
function bash(command: string, options: { readonly env: NodeJS.ProcessEnv; readonly cwd?: string }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { ...options, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the agent release, downloaded from the local stack with the command the web app shows', () => {
  let harness: Harness;
  let shop: ApiClient;
  let work: string;

  beforeAll(async () => {
    harness = await startHarness();
    shop = (await new ApiClient(harness.stack.url).signUp('download@kho.example', 'Kho Đà Nẵng')).client;
    work = await mkdtemp(path.join(tmpdir(), 'vtrack-download-'));
  }, 60_000);
  afterAll(async () => {
    await harness.close();
    await rm(work, { recursive: true, force: true });
  });

  it('serves the tarball and its SHA-256 over HTTP, without sign-in, and they match', async () => {
    const [tarball, checksum] = await Promise.all([fetch(`${harness.stack.url}/downloads/${files.tarball}`), fetch(`${harness.stack.url}/downloads/${files.checksum}`)]);
    expect(tarball.status).toBe(200);
    expect(tarball.headers.get('content-type')).toBe('application/gzip');
    expect(checksum.status).toBe(200);
    const bytes = Buffer.from(await tarball.arrayBuffer());
    expect(await checksum.text()).toBe(`${createHash('sha256').update(bytes).digest('hex')}  ${files.tarball}\n`);

    expect((await fetch(`${harness.stack.url}/downloads/vtrack-agent-0.0.1.tar.gz`)).status).toBe(404);
    // fetch folds a plain `../` away before sending; an encoded one reaches the server as it is.
    expect((await fetch(`${harness.stack.url}/downloads/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${harness.stack.url}/downloads/%2e%2e%2fdownloads%2f${files.tarball}`)).status).toBe(404);
  }, 120_000);

  it('the enrolment command downloads, verifies, unpacks and runs the installer with the code; the unpacked agent answers --help on plain node', async () => {
    // Prepare: a fresh code; `sudo` on this test's PATH runs the installer's dry run (no root, nothing changed).
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy kho Đà Nẵng' });
    expect(made.status).toBe(201);
    const { code, command } = made.body;
    expect(command).toBe(
      `cd "$(mktemp -d)" && wget -q ${harness.stack.url}/downloads/${files.tarball} ${harness.stack.url}/downloads/${files.checksum} && sha256sum -c ${files.checksum} && tar -xzf ${files.tarball} && sudo bash ${RELEASE}/install.sh --api ${harness.stack.url} --code ${code}`,
    );
    const bin = path.join(work, 'bin');
    const boxTmp = path.join(work, 'box');
    await mkdir(bin);
    await mkdir(boxTmp);
    await writeFile(path.join(bin, 'sudo'), '#!/bin/sh\nexec "$@" --dry-run\n');
    await chmod(path.join(bin, 'sudo'), 0o755);

    // Act: the exact command, as pasted into a shell.
    const ran = await bash(command, { env: { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, TMPDIR: boxTmp, HOME: work } });

    // Assess
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain(`${files.tarball}: OK`);
    expect(ran.stdout).toContain(`== VTrack edge agent ${AGENT_VERSION}: installing the release in `);
    expect(ran.stdout).toMatch(new RegExp(`would run: .*vtrack-agent enrol --api ${harness.stack.url.replace(/\./g, '\\.')} --code ${code}`));
    const [unpackedIn] = await readdir(boxTmp);
    expect(unpackedIn).toBeDefined();
    const box = path.join(boxTmp, unpackedIn ?? '');
    expect((await readdir(box)).sort()).toEqual([RELEASE, files.tarball, files.checksum].sort());
    const help = runBundled(box, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: vtrack-agent <command> [options]');
  }, 180_000);

  it('a tarball that does not match its checksum stops the command before anything is unpacked or installed', async () => {
    const made = await shop.call<EnrolmentView>('POST', '/api/agents', { name: 'Máy hỏng' });
    const box = path.join(work, 'tampered');
    await mkdir(box);
    // The command's own steps after the download, on a tarball changed by one byte in transit.
    const bytes = Buffer.from(await (await fetch(`${harness.stack.url}/downloads/${files.tarball}`)).arrayBuffer());
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(path.join(box, files.tarball), bytes);
    await writeFile(path.join(box, files.checksum), await (await fetch(`${harness.stack.url}/downloads/${files.checksum}`)).text());
    const afterDownload = made.body.command.slice(made.body.command.indexOf('sha256sum'));
    const ran = await bash(afterDownload, { cwd: box, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
    expect(ran.status).not.toBe(0);
    expect(ran.stdout).toContain(`${files.tarball}: FAILED`);
    expect(await readdir(box)).not.toContain(RELEASE);
  }, 60_000);
});
