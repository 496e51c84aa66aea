import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoTrackedFileRepository } from '../../adapters/dynamodb/dynamoTrackedFileRepository';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../infra/local/dynamodb/startDynamoStandIn';
import { startS3StandIn } from '../../infra/local/s3/startS3StandIn';
import { makeTempDir, removeTempDir } from '../integration/standins/support/tempDir';
import { MD5_WORKER_FILE } from '../../adapters/md5/md5Thread';
import { BenchContent } from './transferBenchContent';
import type { BenchChildInput, BenchChildOutput } from './transferBenchChild';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const BUCKET = 'bench';
const TABLE = 'vtrack';
const CHILD_ENTRY = fileURLToPath(new URL('./transferBenchChild.ts', import.meta.url));
const MD5_WORKER_ENTRY = fileURLToPath(new URL(`../../adapters/md5/${MD5_WORKER_FILE}`, import.meta.url));
const SERVER_ENTRY = fileURLToPath(new URL('./transferSyntheticServerProcess.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface TransferBenchmarkOptions {
  readonly throughputSize: number;
  readonly throughputRounds: number;
  readonly rssSizes: readonly number[];
  readonly partSize: number;
  readonly concurrency: number;
}

export const defaultTransferBenchmark: TransferBenchmarkOptions = {
  throughputSize: GiB,
  // TRANSFER_BENCH_ROUNDS: fewer rounds for a quick look (the report needs the default for its figures).
  throughputRounds: Number(process.env.TRANSFER_BENCH_ROUNDS ?? 3),
  rssSizes: [100 * MiB, 2 * GiB],
  partSize: 8 * MiB,
  concurrency: 2,
};

export interface TransferBenchmarkResult {
  readonly options: TransferBenchmarkOptions;
  readonly throughput: readonly BenchChildOutput[];
  readonly rss: readonly BenchChildOutput[];
}

/**
 * Runs every transfer in a child process against the S3 stand-in (itself a
 * child), the DynamoDB stand-in (here) and a synthetic HTTP server (a child of
 * its own), so a child's peak RSS is the transfer's alone and both sides cross
 * the same sockets.
 */
export async function runTransferBenchmark(options: TransferBenchmarkOptions = defaultTransferBenchmark): Promise<TransferBenchmarkResult> {
  const dataDir = await makeTempDir('transfer-bench');
  const [s3, dynamo, http] = await Promise.all([startS3StandIn({ dataDir, buckets: [BUCKET] }), startDynamoStandIn({}), startServerProcess()]);
  const s3Client = new S3Client(localClientConfig(s3.endpoint));
  const dynamoClient = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  try {
    await createTableIfMissing(dynamoClient, TABLE);
    const files = new DynamoTrackedFileRepository(makeTableContext({ tableName: TABLE, client: dynamoClient }));
    const childScript = await bundleChild(dataDir);
    let runNumber = 0;

    const run = async (mode: BenchChildInput['mode'], size: number): Promise<BenchChildOutput> => {
      runNumber += 1;
      const seed = 1000 + (size % 997);
      const fileId = `bench-${runNumber}`;
      const key = `tenant-bench/footage/${fileId}.bin`;
      const ref = { tenantId: 'tenant-bench', sourceId: 'source-bench', providerFileId: fileId };
      if (mode === 'engine') await files.upsert(plannedRow(ref, key, size, await md5Of(size, seed)));
      const input: BenchChildInput = {
        mode,
        url: `${http.endpoint}/files/${size}/${seed}`,
        size,
        partSize: options.partSize,
        concurrency: options.concurrency,
        s3Endpoint: s3.endpoint,
        bucket: BUCKET,
        key,
        dynamoEndpoint: dynamo.endpoint,
        tableName: TABLE,
        ref,
      };
      const output = await runChild(childScript, input);
      const head = await s3Client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      if (output.status !== 'done' || head.ContentLength !== size) {
        throw new Error(`${mode} run of ${size} B ended ${output.status} with ${head.ContentLength} B stored`);
      }
      await s3Client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
      // s3rver wrote about twice the file to disk: let the kernel flush it before the next run is timed.
      execFileSync('sync');
      return output;
    };

    const throughput: BenchChildOutput[] = [];
    // The order rotates each round, so no side always runs right after another's disk writes.
    const sides: BenchChildInput['mode'][] = ['baseline', 'engine', 'baseline-hashed'];
    for (let round = 0; round < options.throughputRounds; round += 1) {
      for (let i = 0; i < sides.length; i += 1) {
        const side = sides[(i + round) % sides.length] ?? 'engine';
        throughput.push(await run(side, options.throughputSize));
      }
    }
    const rss: BenchChildOutput[] = [];
    for (const size of options.rssSizes) rss.push(await run('engine', size));
    return { options, throughput, rss };
  } finally {
    s3Client.destroy();
    dynamoClient.destroy();
    await Promise.all([s3.stop(), dynamo.stop(), http.stop()]);
    await removeTempDir(dataDir);
  }
}

const md5Cache = new Map<string, string>();
async function md5Of(size: number, seed: number): Promise<string> {
  const key = `${size}/${seed}`;
  const cached = md5Cache.get(key) ?? new BenchContent(size, seed).md5Hex();
  md5Cache.set(key, cached);
  return cached;
}

function plannedRow(ref: { tenantId: string; sourceId: string; providerFileId: string }, key: string, size: number, md5: string) {
  const now = new Date().toISOString();
  return {
    ...ref,
    name: `${ref.providerFileId}.bin`,
    relativePath: `${ref.providerFileId}.bin`,
    cameraId: null,
    mimeType: 'application/octet-stream',
    size,
    md5,
    revision: 'rev-1',
    modifiedTime: null,
    recordingStartAt: null,
    s3Key: key,
    status: 'pending' as const,
    attempts: 0,
    lastError: null,
    reason: null,
    bytesTransferred: 0,
    checkpoint: null,
    runId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** The synthetic server in a process of its own (see transferSyntheticServerProcess.ts). */
async function startServerProcess(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, SERVER_ENTRY], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { endpoint: string }) => resolve(message.endpoint));
    child.once('exit', (code) => reject(new Error(`synthetic server exited ${code}`)));
  });
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/**
 * The child is bundled with esbuild, as a Lambda is, and run by plain node: with
 * tsx, its loader thread alone adds about 40 MiB to the RSS being measured. The
 * MD5 worker goes beside it, as AppFunction puts it beside a Lambda's bundle.
 */
async function bundleChild(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'transferBenchChild.mjs');
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' } as const;
  await build({
    ...common,
    entryPoints: [CHILD_ENTRY],
    outfile,
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  await build({ ...common, entryPoints: [MD5_WORKER_ENTRY], outfile: path.join(outDir, MD5_WORKER_FILE) });
  return outfile;
}

/** TRANSFER_BENCH_CPU_PROF=<dir>: each engine child writes a V8 CPU profile there (open in Chrome DevTools). */
const CPU_PROFILE_DIR = process.env.TRANSFER_BENCH_CPU_PROF;

function runChild(script: string, input: BenchChildInput): Promise<BenchChildOutput> {
  const profile = CPU_PROFILE_DIR && input.mode === 'engine' ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profile, script, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') reject(new Error(`benchmark child exited ${code}: ${stdout}`));
      else resolve(JSON.parse(line) as BenchChildOutput);
    });
  });
}
