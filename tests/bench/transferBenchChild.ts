/**
 * One benchmark run in its own process, so its peak RSS is its own: either the
 * transfer engine (transferFile: ranged HTTP read → CRC32 per part and the
 * running MD5 on the hashing thread, as in Lambda → S3 multipart with the CRC32
 * part checksum → checkpoints in DynamoDB) or the
 * baseline (a plain HTTP GET cut into parts of the same size and uploaded with
 * the same concurrency, nothing verified, nothing recorded). Prints one JSON
 * line with the figures.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { systemClock } from '../../core/ports/clock';
import { BufferPool } from '../../core/transfer/bufferPool';
import { crc32Base64, updateCrc32 } from '../../core/transfer/crc32';
import { newMd5, saveMd5 } from '../../core/transfer/md5State';
import { transferFile } from '../../core/transfer/transferFile';
import { DynamoTrackedFileRepository } from '../../adapters/dynamodb/dynamoTrackedFileRepository';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import { workerMd5 } from '../../adapters/md5/workerMd5';
import { S3ObjectStore } from '../../adapters/s3/s3ObjectStore';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { HttpRangeProvider } from './transferHttpProvider';

export interface BenchChildInput {
  /** baseline-hashed: the baseline plus the engine's hashing (running MD5 of the file on the hashing thread, CRC32 part checksum). */
  readonly mode: 'engine' | 'baseline' | 'baseline-hashed';
  readonly url: string;
  readonly size: number;
  readonly partSize: number;
  readonly concurrency: number;
  readonly s3Endpoint: string;
  readonly bucket: string;
  readonly key: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly ref: { readonly tenantId: string; readonly sourceId: string; readonly providerFileId: string };
}

export interface BenchChildOutput {
  readonly mode: BenchChildInput['mode'];
  readonly size: number;
  readonly ms: number;
  /** CPU time of the whole child process (user + system). */
  readonly cpuMs: number;
  readonly status: string;
  readonly maxRssMiB: number;
}

async function runEngine(input: BenchChildInput, s3: S3Client): Promise<string> {
  const dynamo = new DynamoDBClient(localClientConfig(input.dynamoEndpoint));
  try {
    const outcome = await transferFile(
      {
        provider: new HttpRangeProvider(() => input.url),
        objectStore: new S3ObjectStore(s3, input.bucket),
        files: new DynamoTrackedFileRepository(makeTableContext({ tableName: input.tableName, client: dynamo })),
        clock: systemClock,
        runningMd5: workerMd5,
      },
      { ...input.ref, runId: `bench-${process.pid}` },
      { minPartSize: input.partSize, uploadConcurrency: input.concurrency },
    );
    return outcome.status;
  } finally {
    dynamo.destroy();
  }
}

async function runBaseline(input: BenchChildInput, s3: S3Client, hashed: boolean): Promise<string> {
  const running = hashed ? await workerMd5(saveMd5(await newMd5())) : null;
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({ Bucket: input.bucket, Key: input.key, ChecksumAlgorithm: hashed ? 'CRC32' : undefined }),
  );
  const response = await fetch(input.url);
  if (!response.body) throw new Error('no body');
  const parts: { PartNumber: number; ETag: string; ChecksumCRC32?: string }[] = [];
  const inFlight = new Set<Promise<void>>();
  // The same buffer reuse as the engine, so the comparison is about hashing and the ledger, not allocation.
  const pool = new BufferPool(input.partSize, input.concurrency + 1);
  let buffer = await pool.acquire();
  let filled = 0;
  let partNumber = 0;
  const send = (part: Uint8Array, length: number, number: number): void => {
    const body = part.subarray(0, length);
    const checksum = hashed ? crc32Base64(updateCrc32(0, body)) : undefined;
    const hashing = running?.add(body);
    const upload: Promise<void> = s3
      .send(
        new UploadPartCommand({
          Bucket: input.bucket,
          Key: input.key,
          UploadId,
          PartNumber: number,
          Body: body,
          ContentLength: body.byteLength,
          ChecksumCRC32: checksum,
        }),
      )
      .then(async (output) => {
        await hashing;
        parts.push({ PartNumber: number, ETag: output.ETag ?? '', ChecksumCRC32: checksum });
      })
      .finally(() => {
        pool.release(part);
        inFlight.delete(upload);
      });
    inFlight.add(upload);
  };
  for await (const chunk of response.body) {
    let offset = 0;
    while (offset < chunk.byteLength) {
      const take = Math.min(input.partSize - filled, chunk.byteLength - offset);
      const slice = chunk.subarray(offset, offset + take);
      buffer.set(slice, filled);
      filled += take;
      offset += take;
      if (filled === input.partSize) {
        partNumber += 1;
        send(buffer, filled, partNumber);
        filled = 0;
        while (inFlight.size >= input.concurrency) await Promise.race(inFlight);
        buffer = await pool.acquire();
      }
    }
  }
  if (filled > 0) send(buffer, filled, (partNumber += 1));
  await Promise.all(inFlight);
  running?.close();
  parts.sort((a, b) => a.PartNumber - b.PartNumber);
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: input.bucket, Key: input.key, UploadId, MultipartUpload: { Parts: parts } }));
  return 'done';
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as BenchChildInput;
  const s3 = new S3Client(localClientConfig(input.s3Endpoint));
  const started = performance.now();
  try {
    const status = input.mode === 'engine' ? await runEngine(input, s3) : await runBaseline(input, s3, input.mode === 'baseline-hashed');
    const cpu = process.cpuUsage();
    const output: BenchChildOutput = {
      mode: input.mode,
      size: input.size,
      ms: performance.now() - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      status,
      // resourceUsage().maxRSS is in KiB on Linux.
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } finally {
    s3.destroy();
  }
}

await main();
