// Enqueues jobs as fast as it can and prints each sequence number once its
// enqueue has resolved (the promise the agent relies on), until it is killed.
import { DurableQueue } from '../../../../edge-agent/spool/durableQueue';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: queueWriterChild <dir>');
const queue = await DurableQueue.open<{ file: string; bytes: string }>(dir);
for (let n = 0; ; n++) {
  const job = await queue.enqueue({ file: `Cam1_${n}.mp4`, bytes: 'x'.repeat(2000) }, new Date());
  process.stdout.write(`${job.seq}\n`);
  if (n % 7 === 3) await queue.ack(job.seq - 1);
}
