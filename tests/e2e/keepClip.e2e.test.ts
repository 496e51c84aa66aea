/**
 * The dispute "keep" switches in headless Chromium against the local stack:
 * an order's "Keep this clip" box and a share link made with "Keep the clip
 * while this link works". Each click is checked where it lands (the stored keep
 * flag, the share link, the clip's `vt-retain` tag), and the S3 stand-in's
 * lifecycle sweeper, a month on, deletes the clip nobody kept and spares the
 * two that are kept; unticking the order's box gives its clip back to retention.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectTaggingCommand, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStorageLedger } from '../../adapters/dynamodb/dynamoStorageLedger';
import { makeTableContext } from '../../adapters/dynamodb/tableContext';
import type { EventView } from '../../core/api/eventsApi';
import type { KeepFlagView } from '../../core/api/storageApi';
import type { ParcelEvent } from '../../core/events/parcelEvent';
import { RETAIN_TAG_KEY } from '../../core/storage/retentionTags';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { makeClip, parcelEvent, seedEvents, stackStores } from '../support/eventSeeds';
import { ApiClient, validLocalSource } from '../support/localStackHarness';
import { startBrowserStack, type BrowserStack } from './support/browserStack';

const EMAIL = 'chu@kho-tranh-chap.test';
const PASSWORD = 'correct horse battery';
const DAY = 86_400_000;
const CODES = { kept: 'SPXVN500000001', shared: 'SPXVN500000002', plain: 'SPXVN500000003' } as const;

let web: BrowserStack;
let shop: ApiClient;
let s3: S3Client;
let dynamo: DynamoDBClient;
let page: Page;
let pageErrors: string[];
const events = {} as Record<keyof typeof CODES, ParcelEvent>;

/** The clip's retention tag as the bucket has it now. */
async function tagOf(key: string): Promise<string | undefined> {
  const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: web.stack.bucketName, Key: key }));
  return tags.TagSet?.find((tag) => tag.Key === RETAIN_TAG_KEY)?.Value;
}

const clipKeyOf = (name: keyof typeof CODES): string => events[name].clip.s3Key ?? '';

beforeAll(async () => {
  // Prepare: a shop keeping clips 30 days, with three orders whose clips were stored under that retention.
  web = await startBrowserStack('keepclip');
  const signedUp = await new ApiClient(web.url).signUp(EMAIL, 'Kho Tranh Chấp', PASSWORD);
  shop = signedUp.client;
  expect((await shop.call('PATCH', '/api/storage', { retention: { clipDays: 30 } })).status).toBe(200);
  const source = await shop.call<{ id: string }>('POST', '/api/sources', validLocalSource);
  s3 = new S3Client(localClientConfig(web.stack.endpoints.s3));
  dynamo = new DynamoDBClient(localClientConfig(web.stack.endpoints.dynamodb));
  const ledger = new DynamoStorageLedger(makeTableContext({ tableName: web.stack.tableName, client: dynamo }));
  const clip = await makeClip(6);
  const stores = stackStores(web.stack);
  try {
    for (const [index, [name, code]] of Object.entries(CODES).entries()) {
      const key = `${signedUp.tenantId}/${source.body.id}/cam1/clips/${code}.mp4`;
      const event = parcelEvent({ tenantId: signedUp.tenantId, sourceId: source.body.id, codes: [code], start: `2026-12-01T02:3${index}:00.000Z`, clipKey: key, clipBytes: clip.length });
      events[name as keyof typeof CODES] = event;
      // As the clip store writes one: tagged for the shop's clip retention, and counted in the ledger.
      await s3.send(new PutObjectCommand({ Bucket: web.stack.bucketName, Key: key, Body: clip, ContentType: 'video/mp4' }));
      await s3.send(new PutObjectTaggingCommand({ Bucket: web.stack.bucketName, Key: key, Tagging: { TagSet: [{ Key: RETAIN_TAG_KEY, Value: 'clip-30d' }] } }));
      const storedAt = new Date().toISOString();
      await ledger.record({ tenantId: signedUp.tenantId, sourceId: source.body.id, cameraId: 'cam1', key, kind: 'clip', bytes: clip.length, storedAt, tag: 'clip-30d', providerFileId: null, eventId: event.id }, storedAt.slice(0, 10));
    }
    await seedEvents(stores.events, Object.values(events));
  } finally {
    stores.close();
  }
  ({ page, errors: pageErrors } = await web.newPage());
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/sources');
}, 240_000);

afterAll(async () => {
  s3?.destroy();
  dynamo?.destroy();
  await web?.close();
});

/** Searches one code; its single order opens with its clip. */
async function openOrder(code: string): Promise<void> {
  await page.goto(`/trace?q=${code}`);
  await page.getByTestId('clip-video').waitFor();
}

describe('Keeping a clip for a dispute, in the browser', () => {
  it('stores the keep flag and the keeping share link the boxes ask for, and holds those two clips', async () => {
    // Act: the order's own box.
    await openOrder(CODES.kept);
    const keep = page.getByTestId('keep-clip');
    await keep.check();
    await expect.poll(() => keep.isEnabled()).toBe(true);

    // Assess
    expect(await keep.isChecked()).toBe(true);
    expect((await shop.call<KeepFlagView>('GET', `/api/events/${events.kept.id}/keep`)).body).toMatchObject({ eventId: events.kept.id, keep: true });
    expect(await tagOf(clipKeyOf('kept'))).toBe('hold');

    // Act: a share link made with keep, for another order.
    await openOrder(CODES.shared);
    expect(await page.getByTestId('keep-clip').isChecked()).toBe(false);
    await page.getByTestId('share-keep').check();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByTestId('share-url').waitFor();

    // Assess
    const links = (await shop.call<{ items: { keep: boolean; revokedAt: string | null }[] }>('GET', `/api/events/${events.shared.id}/shares`)).body.items;
    expect(links).toEqual([expect.objectContaining({ keep: true, revokedAt: null })]);
    await page.getByText('keeps the clip').waitFor();
    expect(await tagOf(clipKeyOf('shared'))).toBe('hold');
    expect((await shop.call<KeepFlagView>('GET', `/api/events/${events.shared.id}/keep`)).body.keep).toBe(false);
    expect(await tagOf(clipKeyOf('plain'))).toBe('clip-30d');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a month on, retention deletes only the clip nobody kept', async () => {
    // Act: the lifecycle as S3 runs it, 31 days from now.
    const swept = await web.stack.sweepNow(new Date(Date.now() + 31 * DAY));

    // Assess
    expect(swept.deleted).toEqual([clipKeyOf('plain')]);
    for (const name of ['kept', 'shared'] as const) expect((await shop.call<EventView>('GET', `/api/events/${events[name].id}`)).body.clipState).toBe('ready');
    expect((await shop.call<EventView>('GET', `/api/events/${events.plain.id}`)).body.clipState).not.toBe('ready');
  });

  it('unticking the order’s box clears the flag and gives its clip back to retention', async () => {
    // Act
    await openOrder(CODES.kept);
    const keep = page.getByTestId('keep-clip');
    await expect.poll(() => keep.isChecked()).toBe(true);
    await keep.uncheck();
    await expect.poll(() => keep.isEnabled()).toBe(true);

    // Assess
    expect((await shop.call<KeepFlagView>('GET', `/api/events/${events.kept.id}/keep`)).body.keep).toBe(false);
    expect(await tagOf(clipKeyOf('kept'))).toBe('clip-30d');
    expect((await web.stack.sweepNow(new Date(Date.now() + 31 * DAY))).deleted).toEqual([clipKeyOf('kept')]);
    expect(pageErrors).toEqual([]);
  });
});
