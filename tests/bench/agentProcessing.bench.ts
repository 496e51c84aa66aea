import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';
import { main as cliMain } from '../../cli/main';
import { openAgentState } from '../../edge-agent/agentState';
import { createSiteProcessor } from '../../edge-agent/wiring';
import { sharedFixtures } from '../integration/processing/helpers/paths';
import { writeBenchmarkSection } from './support/writeBenchmarkSection';

const BENCHMARKS_MD = path.resolve(fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url)));
const COMMAND = 'npm run bench -- tests/bench/agentProcessing.bench.ts';
const FILES = ['Cam1_20250718_093000.mp4', 'Cam1_20250718_093130.mp4'];
const ROUNDS = 3;
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The baseline: `vtrack process <both files> --out <dir>`, in this process (analysis and clips). */
async function viaCli(base: string, round: number): Promise<number> {
  const started = performance.now();
  const code = await cliMain(['process', ...FILES.map((name) => path.join(sharedFixtures, name)), '--out', path.join(base, `cli-${round}`)], { stdout: quiet(), stderr: quiet(), env: process.env });
  if (code !== 0) throw new Error(`vtrack process failed (${code})`);
  return performance.now() - started;
}

/** The agent: its SiteProcessor on the same files one after the other, as its queue hands them over (the first file's neighbour as its history keeps it). */
async function viaAgent(base: string, round: number, neighbourSec: number[]): Promise<number> {
  const state = await openAgentState(path.join(base, `agent-${round}`));
  const site = await createSiteProcessor(state, { ffmpegPath: undefined, ffprobePath: undefined, searchPath: process.env['PATH'] });
  try {
    const started = performance.now();
    for (const name of FILES) {
      const result = await site.processor.process({ sourceId: 'src', cameraId: 'cam1', timeZone: '+07:00', file: { absolutePath: path.join(sharedFixtures, name), name, fingerprint: `${round}:${name}` } });
      if (result.failures.length > 0) throw new Error(`agent processing failed: ${result.failures[0]?.error}`);
      neighbourSec.push(result.neighbourSec ?? 0);
    }
    return performance.now() - started;
  } finally {
    await site.close();
  }
}

describe('on-site processing (edge agent) vs the CLI on the same files', () => {
  bench(
    'agent vs vtrack process, 2 × 90 s of footage',
    async () => {
      const base = await mkdtemp(path.join(tmpdir(), 'vtrack-bench-agent-processing-'));
      const load = [loadavg()[0] ?? 0];
      try {
        const cli: number[] = [];
        const agent: number[] = [];
        const ratios: number[] = [];
        const neighbourSec: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          // Order rotates so neither side always runs on a warmer machine.
          const first = round % 2 === 0 ? await viaCli(base, round) : await viaAgent(base, round, neighbourSec);
          const second = round % 2 === 0 ? await viaAgent(base, round, neighbourSec) : await viaCli(base, round);
          const [c, a] = round % 2 === 0 ? [first, second] : [second, first];
          cli.push(c);
          agent.push(a);
          ratios.push(c / a);
          load.push(loadavg()[0] ?? 0);
        }
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        const s1 = (sec: number) => `${sec.toFixed(0)} s`;
        const section = `## On-site processing (edge agent vs CLI)

Command: \`${COMMAND}\`. Machine: ${cpus().length} cores (${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown'}), Node ${process.version}; load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (shared).
Both process the two 90 s fixture segments (\`../shared/media/fixtures\`, 17 orders, one across the cut) in the same process, ${ROUNDS} rounds, order rotating; the ratio is the median of the pairs (range in brackets).
CLI: \`vtrack process <both files> --out <dir>\` (cli/main.ts): analysis of both files, then a clip per order.
Agent: its \`SiteProcessor\` (edge-agent/processing) on each file as the queue hands it over — the second file with the first as its neighbour, events and clips written to the outbox — the same code \`vtrack-agent run\` drains its queue with.

| | median time |
| --- | --- |
| CLI | ${s(median(cli))} |
| agent | ${s(median(agent))} |

Agent speed vs the CLI: **${median(ratios).toFixed(2)}x** (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); goal ≥ 0.95x.
The agent sees one file at a time; to join the order across the cut it needs the first file's reads after its last quiet moment (core/processing/events/neighbourWindow.ts), which it kept from processing that file: it decoded ${s1(Math.max(...neighbourSec))} of the first file again (until December 2026 it decoded the whole 90 s again; 0.74x at load 12–18). Without kept reads (another version's history, changed settings) it decodes the tail back to a quiet moment: 6 s, then 22 s, … tried in turn (tests/integration/processing/neighbourWindow.test.ts).`;
        await writeBenchmarkSection(BENCHMARKS_MD, 'agent-processing', section);
        console.log(section);
      } finally {
        await rm(base, { recursive: true, force: true });
      }
    },
    ONCE,
  );
});
