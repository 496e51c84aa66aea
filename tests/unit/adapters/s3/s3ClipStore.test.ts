/**
 * The clip upload's error branches, which the S3 stand-in cannot be made to
 * produce on demand: a dropped connection or a 5xx on a streamed body (the
 * SDK does not retry those) is sent again from a new stream; anything else is
 * not. The clip itself is a real file a cutter wrote.
 */
import { writeFile } from 'node:fs/promises';
import type { ReadStream } from 'node:fs';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3ClipStore } from '../../../../adapters/s3/s3ClipStore';
import { TransientError } from '../../../../core/errors';
import type { ClipCutter } from '../../../../core/ports/clipCutter';

const CLIP = Buffer.from('ftyp-clip-bytes-'.repeat(64));
const cutter: ClipCutter = {
  cut: async (request) => {
    await writeFile(request.outPath, CLIP);
    return { leadSec: 1.5 } as Awaited<ReturnType<ClipCutter['cut']>>;
  },
};
const serverError = (): Error => Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } });
const request = { parts: [], key: 't/s/_clips/evt.mp4' };

async function bodyText(body: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as ReadStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('S3ClipStore uploads', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());

  it('sends a clip again, from a new stream, after a 5xx or a dropped connection', async () => {
    // Prepare
    const bodies: string[] = [];
    s3.on(PutObjectCommand)
      .callsFakeOnce(async (input: { Body: unknown }) => {
        bodies.push(await bodyText(input.Body));
        throw serverError();
      })
      .callsFakeOnce(async (input: { Body: unknown }) => {
        bodies.push(await bodyText(input.Body));
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      })
      .callsFake(async (input: { Body: unknown }) => {
        bodies.push(await bodyText(input.Body));
        return {};
      });

    // Act
    const stored = await new S3ClipStore(new S3Client({ region: 'us-east-1' }), 'bucket', cutter).store(request);

    // Assess: three whole sends of the same bytes.
    expect(stored).toEqual({ bytes: CLIP.length, leadSec: 1.5 });
    expect(bodies).toEqual([CLIP.toString(), CLIP.toString(), CLIP.toString()]);
  });

  it('gives up after three tries with a transient error, and at once on an error that is not', async () => {
    // Prepare
    s3.on(PutObjectCommand).rejects(serverError());
    const store = new S3ClipStore(new S3Client({ region: 'us-east-1' }), 'bucket', cutter);

    // Act + Assess
    await expect(store.store(request)).rejects.toBeInstanceOf(TransientError);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(3);

    s3.reset();
    s3.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    await expect(store.store(request)).rejects.toThrow('Access Denied');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1);
  });
});
