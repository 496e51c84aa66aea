import os from 'node:os';
import { writeBenchmarkSection } from './support/writeBenchmarkSection';
import type { BenchChildOutput } from './transferBenchChild';
import type { TransferBenchmarkResult } from './transferBenchmark';

const HEADING = '## Transfer (Drive → S3)';
const MiB = 1024 * 1024;

const mbps = (run: BenchChildOutput): number => run.size / MiB / (run.ms / 1000);
const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const sizeLabel = (bytes: number): string => (bytes >= 1024 * MiB ? `${bytes / 1024 / MiB} GiB` : `${bytes / MiB} MiB`);

/** The section's Markdown, figures as ratios first. */
export function renderTransferSection(result: TransferBenchmarkResult, command: string): string {
  const engine = result.throughput.filter((run) => run.mode === 'engine');
  const baseline = result.throughput.filter((run) => run.mode === 'baseline');
  const hashed = result.throughput.filter((run) => run.mode === 'baseline-hashed');
  const ratio = mean(engine.map(mbps)) / mean(baseline.map(mbps));
  const hashedRatio = mean(engine.map(mbps)) / mean(hashed.map(mbps));
  const cpuPerGiB = (runs: BenchChildOutput[]): number => mean(runs.map((run) => run.cpuMs / 1000 / (run.size / 1024 / MiB)));
  const [small, large] = result.rss;
  const rows = result.throughput.map((run, index) => `| ${index + 1} | ${run.mode} | ${(run.ms / 1000).toFixed(1)} s | ${mbps(run).toFixed(0)} MiB/s | ${(run.cpuMs / 1000).toFixed(1)} s | ${run.maxRssMiB.toFixed(0)} MiB |`);
  const rssRows = result.rss.map((run) => `| ${sizeLabel(run.size)} | ${(run.ms / 1000).toFixed(1)} s | ${run.maxRssMiB.toFixed(0)} MiB |`);
  return [
    HEADING,
    '',
    `Command: \`${command}\` (the transfers take about ${Math.ceil(totalSeconds(result) / 60)} minutes, plus MD5s of the test files and bundling).`,
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}, everything on 127.0.0.1.`,
    '',
    `- **Throughput: engine / baseline = ${ratio.toFixed(2)}×** (goal ≥ 0.9×) for a ${sizeLabel(result.options.throughputSize)} file, mean of ${engine.length} runs each, interleaved.`,
    `- Engine / (baseline + the same hashing) = ${hashedRatio.toFixed(2)}×: what the checkpoints, claims and pipeline cost beyond the hashing.`,
    `- CPU per GiB in the transferring process: baseline ${cpuPerGiB(baseline).toFixed(1)} s, baseline + hashing ${cpuPerGiB(hashed).toFixed(1)} s, engine ${cpuPerGiB(engine).toFixed(1)} s.`,
    small && large
      ? `- **Peak RSS: ${sizeLabel(large.size)} / ${sizeLabel(small.size)} = ${(large.maxRssMiB / small.maxRssMiB).toFixed(2)}×** (goal: flat), ${large.maxRssMiB.toFixed(0)} MiB at ${sizeLabel(large.size)} (goal < 160 MiB).`
      : '',
    '',
    `Engine: \`transferFile\` as TransferBatch runs it: ranged HTTP GETs from a synthetic-content server (stand-in for Drive's \`alt=media\`); the running MD5 of the file with hash-wasm on the hashing thread (\`md5Worker.mjs\`, reading the part buffers on shared memory while the parts upload); S3 multipart through \`S3ObjectStore\` with the CRC32 part checksum (\`zlib.crc32\` on the reading thread, sent as \`x-amz-checksum-crc32\`, which the stand-in verifies as the part streams to disk; parts signed \`UNSIGNED-PAYLOAD\`, so the SDK does not SHA-256 them) into the s3rver stand-in; checkpoints in the DynamoDB stand-in at most once a second (\`checkpointIntervalMs\`, default 1000). Baseline: one plain HTTP GET of the same bytes cut into parts of the same size (${sizeLabel(result.options.partSize)}) and uploaded with the same concurrency (${result.options.concurrency}), the same buffer pool and the same S3 client, nothing hashed or recorded by itself (the SDK's SigV4 still hashes each part with SHA-256, as for any plain UploadPart); baseline-hashed adds exactly the engine's hashing (the running MD5 on the hashing thread, CRC32 per part sent as the part checksum of an upload created with \`ChecksumAlgorithm: 'CRC32'\`). Each run is its own child process (CPU = user + system time of all its threads; peak RSS = \`process.resourceUsage().maxRSS\` of that process, which includes Node, the AWS SDK and the hashing thread; the child and the worker are bundled with esbuild, as a Lambda is); the servers run outside it, the synthetic server in a process of its own. Everything shares ${os.cpus().length} cores: s3rver alone needs about one (it MD5s every part for its ETag, writes it to disk, then reads, MD5s and writes the whole object again at Complete), so the engine's extra CPU for the MD5 Drive's checksum requires (about 1.5 s per GiB) shows up as time, and absolute MiB/s are the stand-in's, not S3's.`,
    '',
    '| run | side | time | throughput | CPU | peak RSS |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '| engine, file size | time | peak RSS |',
    '| --- | --- | --- |',
    ...rssRows,
    '',
  ]
    .filter((line, index, lines) => !(line === '' && lines[index - 1] === ''))
    .join('\n');
}

function totalSeconds(result: TransferBenchmarkResult): number {
  return [...result.throughput, ...result.rss].reduce((sum, run) => sum + run.ms / 1000, 0);
}

/** Replaces this section of docs/BENCHMARKS.md between its markers, leaving the other sections as they are. */
export async function writeTransferSection(path: string, section: string): Promise<void> {
  await writeBenchmarkSection(path, 'transfer', section);
}
