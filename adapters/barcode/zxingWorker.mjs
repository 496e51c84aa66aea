// Worker thread that reads barcodes, so the main thread stays free to drain
// ffmpeg's pipe while ZXing works: decoding and reading then use both cores.
// Protocol: {type:'init', options} → {type:'ready'} | {type:'error'};
// {type:'read', id, data, width, height, aspect} → {type:'result', id, reads} | {type:'error', id, message}.
import { parentPort } from 'node:worker_threads';
import { createPixmapReader } from './zxingPixmapReader.mjs';

let reader;
parentPort.on('message', async (message) => {
  try {
    if (message.type === 'init') {
      reader = await createPixmapReader(message.options);
      parentPort.postMessage({ type: 'ready' });
    } else if (message.type === 'read') {
      const reads = reader.read(message.data, message.width, message.height, message.aspect);
      parentPort.postMessage({ type: 'result', id: message.id, reads });
    }
  } catch (error) {
    parentPort.postMessage({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
