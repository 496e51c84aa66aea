import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../../edge-agent/install/install.sh', import.meta.url));

const BASH = spawnSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim() || '/bin/bash';

function run(args: readonly string[], env: NodeJS.ProcessEnv = process.env, prefix: readonly string[] = []) {
  const [command = BASH, ...rest] = [...prefix, BASH, SCRIPT, ...args];
  const result = spawnSync(command, rest, { encoding: 'utf8', env, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const which = (tool: string): string | null => {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
};

describe('edge-agent/install/install.sh (Debian/Ubuntu, systemd)', () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'vtrack-install-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('is valid bash and passes shellcheck', () => {
    expect(spawnSync('bash', ['-n', SCRIPT]).status).toBe(0);
    // CI installs shellcheck (.ci/run); a machine without it still checks the syntax above.
    if (which('shellcheck') !== null) {
      const checked = spawnSync('shellcheck', ['--severity=style', SCRIPT], { encoding: 'utf8' });
      expect(checked.stdout).toBe('');
      expect(checked.status).toBe(0);
    }
  });

  it('writes a unit that systemd-analyze verifies without a warning, run as its own user with the hardening options', async () => {
    const unit = run(['--print-unit']);
    expect(unit.code).toBe(0);
    const bin = path.join(work, 'vtrack-agent');
    await writeFile(bin, '#!/bin/sh\n');
    await chmod(bin, 0o755);
    const file = path.join(work, 'vtrack-agent.service');
    const runnable = unit.stdout.replace('ExecStart=/usr/local/bin/vtrack-agent', `ExecStart=${bin}`);
    await writeFile(file, runnable);

    for (const line of ['User=vtrack-agent', 'ExecStart=/usr/local/bin/vtrack-agent run --state-dir /var/lib/vtrack-agent', 'NoNewPrivileges=yes', 'ProtectSystem=full', 'PrivateTmp=yes', 'CapabilityBoundingSet=', 'SystemCallFilter=@system-service', 'Restart=always', 'WantedBy=multi-user.target']) {
      expect(unit.stdout.split('\n')).toContain(line);
    }
    expect(unit.stdout).not.toMatch(/@[A-Z_]+@/);
    const analyze = which('systemd-analyze');
    if (analyze !== null) {
      const verified = spawnSync(analyze, ['verify', file], { encoding: 'utf8' });
      expect(verified.stderr).toBe('');
      expect(verified.status).toBe(0);
      // The check itself catches a misspelt option.
      await writeFile(file, runnable.replace('ProtectClock=yes', 'ProtectClocks=yes'));
      expect(spawnSync(analyze, ['verify', file], { encoding: 'utf8' }).stderr).toContain("Unknown key 'ProtectClocks'");
    }
  });

  it('in a dry run on a box that has Node 20 and ffmpeg prints the plan — user, state folder, code, unit, enrolment, start — and installs no package', () => {
    const planned = run(['--dry-run', '--api', 'https://kho.vtrack.example', '--code', 'ABCDE23456']);

    expect(planned.code).toBe(0);
    expect(planned.stdout).not.toContain('apt-get');
    expect(planned.stdout).toMatch(/Node\.js v2\d\.\d+\.\d+ and ffmpeg are installed/);
    expect(planned.stdout).toContain('would run: install -d -o vtrack-agent -g vtrack-agent -m 0750 /var/lib/vtrack-agent');
    expect(planned.stdout).toContain('would write /etc/systemd/system/vtrack-agent.service (mode 0644):');
    expect(planned.stdout).toContain('would run: runuser -u vtrack-agent -- /usr/local/bin/vtrack-agent enrol --api https://kho.vtrack.example --code ABCDE23456 --state-dir /var/lib/vtrack-agent');
    expect(planned.stdout.trim().split('\n').filter((line) => line.startsWith('would run: systemctl'))).toEqual(['would run: systemctl daemon-reload', 'would run: systemctl enable --now vtrack-agent.service']);
  });

  it('in a dry run on a box without ffmpeg and with an old Node plans to install them from the distribution', async () => {
    const bin = path.join(work, 'bare-bin');
    await mkdir(bin, { recursive: true });
    for (const tool of ['sed', 'id', 'dirname', 'cat', 'env']) {
      const found = which(tool);
      if (found !== null) await symlink(found, path.join(bin, tool)).catch(() => undefined);
    }
    await writeFile(path.join(bin, 'node'), '#!/bin/sh\n# An old distribution Node: prints its major version for -p\necho 18\n');
    await chmod(path.join(bin, 'node'), 0o755);

    const planned = run(['--dry-run'], { PATH: bin, HOME: work });

    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('would run: env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm ffmpeg');
    expect(planned.stdout).toContain('no --code given: enrol later');
    expect(planned.stdout).not.toContain('runuser');
  });

  it('refuses bad arguments naming the option, before doing anything', () => {
    const cases: [string[], string][] = [
      [['--dry-run', '--api', 'ftp://kho.example', '--code', 'ABCDE23456'], '--api must be the URL'],
      [['--dry-run', '--api', 'https://kho.example', '--code', 'ABC DE; rm -rf /'], '--code must be the enrolment code'],
      [['--dry-run', '--api', 'https://kho.example'], '--api and --code go together'],
      [['--dry-run', '--footage-group', 'Nhóm video'], '--footage-group must be a group name'],
      [['--dry-run', '--frobnicate'], 'unknown option --frobnicate'],
    ];
    for (const [args, message] of cases) {
      const refused = run(args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(message);
      expect(refused.stdout).not.toContain('would run');
    }
  });

  it('refuses to change the system unless run as root', () => {
    const asNobody = process.getuid?.() === 0 ? ['runuser', '-u', 'nobody', '--'] : [];
    const refused = run(['--api', 'https://kho.example', '--code', 'ABCDE23456'], process.env, asNobody);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('run it as root (sudo), or with --dry-run');
  });
});
