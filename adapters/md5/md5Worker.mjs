// Worker thread that keeps the running MD5 of files being transferred, so the
// thread reading and uploading them does not also spend ~1.5 s/GiB hashing:
// with a second core the hashing overlaps the I/O instead of delaying it.
// Several files can be open at once, each a `stream` with its own hasher.
// Messages are handled one at a time, in the order sent, so the parts of a
// stream are hashed in order.
// Protocol (states are hash-wasm save() bytes):
//   {type:'add', n, stream, from?, bytes} → {n, state} | {n, message}
//     `from` (the state to continue) comes with the first add of a stream.
//   {type:'close', stream} → no answer; forgets the stream.
import { parentPort } from 'node:worker_threads';
import { createMD5 } from 'hash-wasm';

const hashers = new Map();
let queue = Promise.resolve();

parentPort.on('message', (message) => {
  queue = queue.then(() => handle(message));
});

async function handle(message) {
  if (message.type === 'close') {
    hashers.delete(message.stream);
    return;
  }
  try {
    let hasher = hashers.get(message.stream);
    if (hasher === undefined) {
      if (message.from === undefined) throw new Error(`stream ${message.stream} is not open`);
      hasher = (await createMD5()).load(message.from);
      hashers.set(message.stream, hasher);
    }
    hasher.update(message.bytes);
    parentPort.postMessage({ n: message.n, state: hasher.save() });
  } catch (error) {
    parentPort.postMessage({ n: message.n, message: error instanceof Error ? error.message : String(error) });
  }
}
