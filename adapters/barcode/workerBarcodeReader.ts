import { Worker } from 'node:worker_threads';
import type { BarcodeReader } from '../../core/ports/barcodeReader';
import type { BarcodeRead } from '../../core/processing/types/barcodeRead';
import type { GrayFrame } from '../../core/processing/types/grayFrame';
import { pixelAspect, type ZxingBarcodeReaderOptions } from './zxingBarcodeReader';

type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; reads: BarcodeRead[] }
  | { type: 'error'; id?: number; message: string };

/**
 * The ZXing reader on a worker thread. Reading a frame is synchronous WebAssembly;
 * on the main thread it would stop Node from draining ffmpeg's pipe, so decoding
 * and reading would take turns. Here they overlap, which is most of the speed-up
 * towards plain decoding speed. Call close() when done (the CLI and tests do).
 */
export class WorkerBarcodeReader implements BarcodeReader {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: BarcodeRead[]) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready' || reply.id === undefined) return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.type === 'result') waiter?.resolve(reply.reads);
      else waiter?.reject(new Error(`barcode worker: ${reply.message}`));
    });
    const failAll = (error: Error): void => {
      this.failure = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`barcode worker exited (code ${code})`)));
  }

  static async create(options: ZxingBarcodeReaderOptions = {}): Promise<WorkerBarcodeReader> {
    const worker = new Worker(new URL('./zxingWorker.mjs', import.meta.url));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply): void => {
        worker.off('message', onMessage);
        worker.off('error', reject);
        if (reply.type === 'ready') resolve();
        else {
          void worker.terminate();
          reject(new Error(`barcode worker failed to start: ${reply.type === 'error' ? reply.message : reply.type}`));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.postMessage({ type: 'init', options });
    });
    return new WorkerBarcodeReader(worker);
  }

  read(frame: GrayFrame): Promise<readonly BarcodeRead[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Not transferred: the caller still owns the frame. Frames on a SharedArrayBuffer
      // (FfmpegFrameSource's) reach the worker without a copy; others are cloned.
      this.worker.postMessage({ type: 'read', id, data: frame.data, width: frame.width, height: frame.height, aspect: pixelAspect(frame) });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('barcode reader closed');
    await this.worker.terminate();
  }
}
