/**
 * How long a newcomer waits: `npm start` (a real child process) in an empty
 * data folder, an account, the sample offer taken, until every code of the
 * sample is searchable with its clip ready. The goal is "within a
 * minute". Baseline in the same script: `vtrack process` on the same sample
 * file (analysis and clips, no sync, no upload), so the ratio says what the
 * agent's watching, settling, queueing and uploading add.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';
import { main as cliMain } from '../../cli/main';
import type { CodeSearchView } from '../../core/api/eventsApi';
import { ApiClient } from '../support/localStackHarness';
import { writeBenchmarkSection } from './support/writeBenchmarkSection';

const BENCHMARKS_MD = path.resolve(fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url)));
const COMMAND = 'npm run bench -- tests/bench/sampleOnStart.bench.ts';
const START = fileURLToPath(new URL('../../bin/start.mjs', import.meta.url));
const SAMPLE_DIR = fileURLToPath(new URL('../../infra/local/sample/', import.meta.url));
const ROUNDS = 3;
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

interface Sample {
  readonly files: readonly string[];
  readonly codes: readonly string[];
}

async function startStack(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [START, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  for (const deadline = Date.now() + 240_000; ; ) {
    const url = /VTrack is running at (http:\/\/\S+)/.exec(text)?.[1];
    if (url !== undefined) return { child, url };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** From taking the offer to every code found with its clip ready; polled every 250 ms. */
async function viaSampleOffer(base: string, round: number, sample: Sample): Promise<number> {
  const stack = await startStack(path.join(base, `stack-${round}`));
  try {
    const { client: shop } = await new ApiClient(stack.url).signUp(`bench-${round}@kho.example`, 'Shop Bench');
    const started = performance.now();
    const accepted = await shop.call('POST', '/api/local/sample');
    if (accepted.status !== 201) throw new Error(`the sample offer was refused: ${accepted.status}`);
    for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
      const search = (await shop.call<CodeSearchView>('POST', '/api/events/search', { codes: sample.codes })).body;
      if (search.notFound.length === 0 && search.found.every((hit) => hit.events.some((event) => event.clipState === 'ready'))) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the sample did not become searchable in 5 minutes');
  } finally {
    const exited = once(stack.child, 'exit');
    stack.child.kill('SIGINT');
    await exited;
  }
}

/** The baseline: `vtrack process <the sample file> --out <dir>`, in this process. */
async function viaCli(base: string, round: number, sample: Sample): Promise<number> {
  const started = performance.now();
  const code = await cliMain(['process', ...sample.files.map((name) => path.join(SAMPLE_DIR, name)), '--out', path.join(base, `cli-${round}`)], { stdout: quiet(), stderr: quiet(), env: process.env });
  if (code !== 0) throw new Error(`vtrack process failed (${code})`);
  return performance.now() - started;
}

describe('npm start: the sample offer to searchable clips', () => {
  bench(
    'offer taken → every sample code searchable with its clip, vs vtrack process on the same file',
    async () => {
      const sample = JSON.parse(await readFile(path.join(SAMPLE_DIR, 'sample.json'), 'utf8')) as Sample;
      const base = await mkdtemp(path.join(tmpdir(), 'vtrack-bench-sample-'));
      const load = [loadavg()[0] ?? 0];
      try {
        const offer: number[] = [];
        const cli: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          // Order rotates so neither side always runs on a warmer machine.
          if (round % 2 === 0) {
            cli.push(await viaCli(base, round, sample));
            offer.push(await viaSampleOffer(base, round, sample));
          } else {
            offer.push(await viaSampleOffer(base, round, sample));
            cli.push(await viaCli(base, round, sample));
          }
          load.push(loadavg()[0] ?? 0);
        }
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        const ratios = offer.map((ms, i) => ms / (cli[i] ?? ms));
        const section = `## The sample on first start (npm start)

Command: \`${COMMAND}\`. Machine: ${cpus().length} cores (${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown'}), Node ${process.version}; load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (shared).
Each round starts \`npm start\` (bin/start.mjs, a child process) in an empty data folder, signs up, takes the sample offer (\`POST /api/local/sample\`: a local-folder source on ${sample.files.length} file of 30 s, ${sample.codes.length} orders, for this machine's own agent), and polls \`POST /api/events/search\` every 250 ms until every code is found with its clip ready. Baseline in the same script: \`vtrack process\` on the same file (analysis and clips, no watching, settling, queueing or upload). ${ROUNDS} rounds, order rotating.

| | median time | range |
| --- | --- | --- |
| offer taken → all codes searchable with clips | ${s(median(offer))} | ${s(Math.min(...offer))}–${s(Math.max(...offer))} |
| \`vtrack process\` on the sample file | ${s(median(cli))} | ${s(Math.min(...cli))}–${s(Math.max(...cli))} |

The newcomer waits **${median(ratios).toFixed(1)}x** the CLI's time (${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}); goal: searchable within 60 s. The difference is the agent's settle time (a file is taken once it has stopped growing), its first configuration pull and the uploads.`;
        await writeBenchmarkSection(BENCHMARKS_MD, 'sample-on-start', section);
        console.log(section);
      } finally {
        await rm(base, { recursive: true, force: true });
      }
    },
    ONCE,
  );
});
