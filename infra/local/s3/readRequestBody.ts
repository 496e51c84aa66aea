import type { IncomingMessage } from 'node:http';
import S3Error from 's3rver/lib/models/error.js';

/**
 * Reads a small request body (an XML document) into a string, refusing more
 * than `limit` bytes so a stray large upload cannot fill the stand-in's memory.
 */
export async function readRequestBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
