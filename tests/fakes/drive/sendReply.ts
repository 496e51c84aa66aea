// Puts a Reply on the wire with backpressure; with a reset fault, sends the
// headers and the first N body bytes, then resets the TCP connection.
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Reply } from './Reply';

export async function sendReply(res: ServerResponse, reply: Reply, resetAfterBytes?: number): Promise<void> {
  if (res.destroyed) return;
  if (reply.kind === 'redirect') {
    res.writeHead(302, { location: reply.location, 'content-length': '0' });
    res.end();
    return;
  }
  if (reply.kind === 'json') {
    const body = Buffer.from(JSON.stringify(reply.body));
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': String(body.length),
      ...reply.headers,
    });
    if (resetAfterBytes === undefined) res.end(body);
    else await sendThenReset(res, Readable.from([body]), resetAfterBytes);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  if (resetAfterBytes === undefined) {
    // A client that hangs up mid-body is normal here (aborted ranged reads).
    await pipeline(reply.stream, res).catch(() => undefined);
  } else {
    await sendThenReset(res, reply.stream, resetAfterBytes);
  }
}

function writeWithBackpressure(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (res.write(chunk)) {
      resolve();
      return;
    }
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

async function sendThenReset(res: ServerResponse, source: Readable, limit: number): Promise<void> {
  let sent = 0;
  res.flushHeaders();
  for await (const raw of source) {
    if (res.destroyed) break;
    const chunk = raw as Buffer;
    const piece = chunk.length > limit - sent ? chunk.subarray(0, limit - sent) : chunk;
    if (piece.length > 0) await writeWithBackpressure(res, piece);
    sent += piece.length;
    if (sent >= limit) break;
  }
  source.destroy();
  // Let the written bytes leave before the RST, so the client sees them, then the reset.
  await new Promise((resolve) => setTimeout(resolve, 25));
  res.socket?.resetAndDestroy();
}
