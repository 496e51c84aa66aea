import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A crashed agent is started again after this long, as systemd's Restart=always would. */
const RESTART_AFTER_MS = 5_000;

/**
 * The edge agents `npm start` runs on this machine, one per tenant that took
 * one (state in `<dataDir>/agents/<tenantId>/`, log in its `agent.log`): the
 * real `vtrack-agent` in child processes, started again at the next start and
 * after a crash, pointed at the stack's current URL, stopped with the stack.
 */
export class LocalAgentProcesses {
  private readonly running = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(
    private readonly options: { readonly dataDir: string; readonly repoRoot: string; readonly apiUrl: () => string; readonly log: (line: string) => void },
  ) {}

  stateDirOf(tenantId: string): string {
    return path.join(this.options.dataDir, 'agents', tenantId);
  }

  /** The agent id of the tenant's local agent, once it is enrolled. */
  async enrolledAgentId(tenantId: string): Promise<string | null> {
    const credential = await readJson(path.join(this.stateDirOf(tenantId), 'credential.json'));
    return typeof credential?.['agentId'] === 'string' ? credential['agentId'] : null;
  }

  /** Starts every enrolled agent found under the data folder (a restart of `npm start`). */
  async resume(): Promise<void> {
    const tenants = await readdir(path.join(this.options.dataDir, 'agents')).catch(() => [] as string[]);
    for (const tenantId of tenants) if ((await this.enrolledAgentId(tenantId)) !== null) await this.ensureRunning(tenantId);
  }

  /** `vtrack-agent enrol` with a code from the API, as a site box's install does. */
  async enrol(tenantId: string, code: string): Promise<void> {
    const stateDir = this.stateDirOf(tenantId);
    await mkdir(stateDir, { recursive: true });
    const child = spawn(process.execPath, [this.agentBin(), 'enrol', '--api', this.options.apiUrl(), '--code', code, '--state-dir', stateDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [exitCode] = (await once(child, 'exit')) as [number | null];
    if (exitCode !== 0) throw new Error(`the local agent could not enrol: ${stderr.trim() || `exit ${String(exitCode)}`}`);
  }

  /** Runs the tenant's agent unless it runs already. */
  async ensureRunning(tenantId: string): Promise<void> {
    if (this.stopping || this.running.has(tenantId)) return;
    const stateDir = this.stateDirOf(tenantId);
    await this.pointAtStack(stateDir);
    const log = await open(path.join(stateDir, 'agent.log'), 'a');
    const child = spawn(process.execPath, [this.agentBin(), 'run', '--state-dir', stateDir], {
      stdio: ['ignore', log.fd, log.fd],
      env: { ...process.env, LOG_LEVEL: process.env['VTRACK_AGENT_LOG_LEVEL'] ?? 'info' },
    });
    this.running.set(tenantId, child);
    this.options.log(`edge agent for tenant ${tenantId} is running (log: ${path.join(stateDir, 'agent.log')})`);
    child.once('exit', (code, signal) => {
      void log.close();
      this.running.delete(tenantId);
      if (this.stopping) return;
      this.options.log(`edge agent for tenant ${tenantId} stopped (${signal ?? `exit ${String(code)}`}); starting it again in ${RESTART_AFTER_MS / 1000} s`);
      setTimeout(() => void this.ensureRunning(tenantId).catch((error: unknown) => this.options.log(`edge agent for tenant ${tenantId} did not start: ${String(error)}`)), RESTART_AFTER_MS).unref();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.running.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private agentBin(): string {
    return path.join(this.options.repoRoot, 'bin', 'vtrack-agent.mjs');
  }

  /** `--port 0` or another port: the enrolled agent talks to the stack where it runs now. */
  private async pointAtStack(stateDir: string): Promise<void> {
    const file = path.join(stateDir, 'credential.json');
    const credential = await readJson(file);
    if (credential === null || credential['apiUrl'] === this.options.apiUrl()) return;
    await writeFile(file, JSON.stringify({ ...credential, apiUrl: this.options.apiUrl() }), { mode: 0o600 });
  }
}

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}
