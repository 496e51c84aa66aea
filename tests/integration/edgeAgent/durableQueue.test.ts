import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableQueue } from '../../../edge-agent/spool/durableQueue';

const CHILD = fileURLToPath(new URL('./support/queueWriterChild.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');

describe('DurableQueue', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vtrack-queue-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hands jobs out in arrival order, keeps a failed one with its error and delay, and forgets an acknowledged one', async () => {
    const queue = await DurableQueue.open<string>(dir);
    const now = new Date('2026-12-03T08:00:00Z');
    const a = await queue.enqueue('a', now);
    const b = await queue.enqueue('b', now);
    await queue.enqueue('c', now);
    await queue.retryLater(a, 'the cloud did not answer', now.getTime() + 60_000);
    await queue.ack(b.seq);

    const reopened = await DurableQueue.open<string>(dir);
    expect((await reopened.ready(now.getTime())).map((job) => job.payload)).toEqual(['c']);
    const later = await reopened.ready(now.getTime() + 60_000);
    expect(later.map((job) => [job.payload, job.attempts, job.lastError])).toEqual([
      ['a', 1, 'the cloud did not answer'],
      ['c', 0, null],
    ]);
    expect((await reopened.enqueue('d', now)).seq).toBe(4);
  });

  it('loses no enqueued job and holds no torn one after kill -9 in the middle of writing', async () => {
    const child = spawn(process.execPath, ['--import', TSX, CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const confirmed: number[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      confirmed.push(...lines.map(Number));
      if (confirmed.length >= 300 && child.exitCode === null) child.kill('SIGKILL');
    });
    await once(child, 'exit');
    expect(child.signalCode).toBe('SIGKILL');

    const queue = await DurableQueue.open<{ file: string }>(dir);
    const left = await queue.all();
    const seqs = left.map((job) => job.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    for (const job of left) expect(job.payload.file).toBe(`Cam1_${job.seq - 1}.mp4`);
    // Every confirmed job is there unless the child acknowledged it (it acks seq-1 after every 7th).
    const acked = new Set(confirmed.filter((_, n) => n % 7 === 3).map((seq) => seq - 1));
    const missing = confirmed.filter((seq) => !acked.has(seq) && !seqs.includes(seq));
    expect(missing).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('drops a temporary file left by a write that never finished', async () => {
    await writeFile(path.join(dir, '000000000001.json.123.tmp'), '{"seq":1,"pay');
    const queue = await DurableQueue.open<string>(dir);
    expect(await queue.all()).toEqual([]);
    expect((await queue.enqueue('first', new Date())).seq).toBe(1);
  });
});
