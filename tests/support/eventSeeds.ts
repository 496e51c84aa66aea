import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoEventRepository } from '../../adapters/dynamodb/dynamoEventRepository';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import { parcelEventId } from '../../core/events/parcelEventId';
import type { ParcelEvent } from '../../core/events/parcelEvent';
import type { EventRepository } from '../../core/ports/eventRepository';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import type { LocalStack } from '../../infra/local/startLocalStack';

const run = promisify(execFile);

/** The ready-made packing video beside the repository (../shared/media). */
export const FIXTURE_VIDEO = path.resolve(import.meta.dirname, '../../../shared/media/fixtures/Cam1_20250718_093000.mp4');

/**
 * A real clip as processing cuts one: `seconds` of the fixture from its start,
 * stream copy, `+faststart`, H.264 MP4 that browsers play.
 */
export async function makeClip(seconds = 12): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-clip-'));
  try {
    const out = path.join(dir, 'clip.mp4');
    await run('ffmpeg', ['-v', 'error', '-i', FIXTURE_VIDEO, '-t', String(seconds), '-c', 'copy', '-movflags', '+faststart', '-y', out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An event as cloud processing stores one, with a deterministic id; `clipKey` null means its clip is still pending. */
export function parcelEvent(input: {
  tenantId: string;
  sourceId: string;
  cameraId?: string;
  codes: readonly string[];
  start: string;
  seconds?: number;
  clipKey?: string | null;
  clipBytes?: number;
}): ParcelEvent {
  const cameraId = input.cameraId ?? 'cam1';
  const startMs = Date.parse(input.start);
  const endMs = startMs + (input.seconds ?? 4) * 1000;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const clipKey = input.clipKey ?? null;
  return {
    tenantId: input.tenantId,
    id: parcelEventId({ sourceId: input.sourceId, cameraId, startMs, firstCode: input.codes[0] }),
    sourceId: input.sourceId,
    cameraId,
    trackingCodes: input.codes,
    start: iso(startMs),
    end: iso(endMs),
    clipStart: iso(startMs - 3000),
    clipEnd: iso(endMs + 3000),
    files: [],
    labelSighting: { atClipSec: 4, bbox: { x: 500, y: 250, width: 260, height: 220 } },
    clip: { state: clipKey === null ? 'pending' : 'ready', s3Key: clipKey, bytes: clipKey === null ? null : (input.clipBytes ?? 1), error: null },
    truncated: false,
    processedAt: iso(endMs + 60_000),
  };
}

/** Clients on the stack's own stand-ins: events through the real repository, clips into the real bucket. */
export function stackStores(stack: LocalStack): { events: EventRepository; putClip(key: string, body: Uint8Array): Promise<void>; close(): void } {
  const dynamo = new DynamoDBClient(localClientConfig(stack.endpoints.dynamodb));
  const s3 = new S3Client(localClientConfig(stack.endpoints.s3));
  return {
    events: new DynamoEventRepository(makeTableContext({ tableName: stack.tableName, client: dynamo })),
    putClip: async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: stack.bucketName, Key: key, Body: body, ContentType: 'video/mp4' }));
    },
    close: () => {
      dynamo.destroy();
      s3.destroy();
    },
  };
}

/** Stores events as one processing run per camera would: a window from the first start to just past the last. */
export async function seedEvents(events: EventRepository, seeded: readonly ParcelEvent[]): Promise<void> {
  const groups = new Map<string, ParcelEvent[]>();
  for (const event of seeded) {
    const key = `${event.tenantId}\n${event.sourceId}\n${event.cameraId}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  for (const group of groups.values()) {
    const first = group[0] as ParcelEvent;
    const starts = group.map((event) => Date.parse(event.start));
    await events.replaceWindow(
      {
        tenantId: first.tenantId,
        sourceId: first.sourceId,
        cameraId: first.cameraId,
        from: new Date(Math.min(...starts)).toISOString(),
        to: new Date(Math.max(...starts) + 1).toISOString(),
      },
      group,
    );
  }
}
