import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';
import { renderTransferSection, writeTransferSection } from './transferBenchReport';
import { runTransferBenchmark } from './transferBenchmark';

const BENCHMARKS_MD = path.resolve(fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url)));
const COMMAND = 'npm run bench -- tests/bench/transfer.bench.ts';

// One pass: each transfer moves GiBs, so tinybench's repetitions would only add minutes.
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

describe('transfer (Drive → S3)', () => {
  bench(
    'transferFile vs plain GET → multipart, 1 GiB; peak RSS 100 MiB vs 2 GiB',
    async () => {
      const result = await runTransferBenchmark();
      const section = renderTransferSection(result, COMMAND);
      // A quick or profiled run (see transferBenchmark.ts) prints its figures but does not replace the recorded ones.
      const adHoc = process.env.TRANSFER_BENCH_ROUNDS !== undefined || process.env.TRANSFER_BENCH_CPU_PROF !== undefined;
      if (!adHoc) await writeTransferSection(BENCHMARKS_MD, section);
      console.log(section);
    },
    ONCE,
  );
});
