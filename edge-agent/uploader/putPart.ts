import http from 'node:http';
import https from 'node:https';
import { TransientError, PermanentError } from '../../core/errors';
import type { TokenBucket } from './tokenBucket';

const CHUNK = 64 * 1024;

/**
 * PUTs one part's bytes to its presigned URL with Content-Length and the signed
 * Content-MD5, in 64 KiB writes paced by the bandwidth cap and by the socket's
 * back-pressure, so the body is never copied. Returns the ETag the store answered.
 * Network failures and 5xx are TransientError (try again); 4xx are PermanentError.
 */
export async function putPart(url: string, headers: Readonly<Record<string, string>>, body: Buffer, bucket: TokenBucket, onBytes: (bytes: number) => void, signal?: AbortSignal): Promise<string> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise<string>((resolve, reject) => {
    const request = transport.request(target, { method: 'PUT', headers: { ...headers, 'content-length': String(body.byteLength) }, ...(signal ? { signal } : {}), timeout: 120_000 });
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.destroy();
      reject(error);
    };
    request.on('timeout', () => fail(new TransientError('the part upload stalled for two minutes')));
    request.on('error', (error) => fail(signal?.aborted ? error : new TransientError(`the part could not be sent: ${error.message}`, { cause: error })));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => fail(new TransientError(`the store's answer broke off: ${error.message}`, { cause: error })));
      response.on('end', () => {
        if (settled) return;
        const status = response.statusCode ?? 0;
        const etag = response.headers.etag;
        if (status >= 200 && status < 300 && typeof etag === 'string') {
          settled = true;
          resolve(etag.replaceAll('"', ''));
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
        const error = status >= 500 || status === 429 || /BadDigest|RequestTimeout/.test(text) ? new TransientError(`the store refused the part: HTTP ${status} ${text}`) : new PermanentError(`the store refused the part: HTTP ${status} ${text}`);
        fail(error);
      });
    });
    void (async () => {
      try {
        for (let offset = 0; offset < body.byteLength; offset += CHUNK) {
          const chunk = body.subarray(offset, Math.min(offset + CHUNK, body.byteLength));
          await bucket.take(chunk.byteLength, signal);
          if (settled) return;
          if (!request.write(chunk)) await drained(request);
          onBytes(chunk.byteLength);
        }
        request.end();
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  });
}

/** Resolves when the request can take more (or closed), leaving no listener behind. */
function drained(request: http.ClientRequest): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      request.off('drain', done);
      request.off('close', done);
      resolve();
    };
    request.on('drain', done);
    request.on('close', done);
  });
}
