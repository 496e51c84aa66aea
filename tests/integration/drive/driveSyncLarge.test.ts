import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { countDynamoRequests } from '../../support/dynamoRequestCount';
import { ApiClient } from '../../support/localStackHarness';
import type { RunView, SourceView, TrackedFileView } from '../../../core/api/sourcesApi';
import type { ListOf, Paged } from '../../../core/api/collections';

const FILES = 2500;
/** DynamoDB requests per file stored, the run's own included (docs/COSTS.md): each is paid for in AWS. */
const REQUESTS_PER_FILE = 10;

describe('a first sync of 2,500 files across listing pages', () => {
  let google: GoogleStack;
  let shop: ApiClient;

  beforeAll(async () => {
    google = await startGoogleStack();
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@large.example', 'Large Shop')).client;
  });
  afterAll(() => google.close());

  it(`tracks and stores every file exactly once, in batches, with exact run stats and at most ${REQUESTS_PER_FILE} DynamoDB requests a file`, { timeout: 600_000 }, async () => {
    const folder = google.fake.drive.addFolder({ name: 'Many' });
    for (let i = 0; i < FILES; i += 1) {
      const minute = String(Math.floor(i / 60) % 60).padStart(2, '0');
      const second = String(i % 60).padStart(2, '0');
      google.fake.drive.addFile({ name: `Cam${(i % 4) + 1}_20250718_${String(9 + Math.floor(i / 3600)).padStart(2, '0')}${minute}${second}.mp4`, parentId: folder, content: Buffer.from(`file ${i}`) });
    }
    const { id: connectionId } = await connectGoogle(shop);
    google.fake.resetCounts();

    const { result: created, requests } = await countDynamoRequests(async () => {
      const posted = await shop.call<SourceView>('POST', '/api/sources', {
        type: 'google_drive',
        name: 'Many files',
        intervalMinutes: 60,
        config: { connectionId, folderIds: [folder] },
      });
      await google.harness.stack.settle();
      return posted;
    });

    const done: (string | null)[] = [];
    let pageToken: string | null = null;
    do {
      const query: string = `/api/sources/${created.body.id}/files?status=done&limit=500${pageToken ? `&pageToken=${pageToken}` : ''}`;
      const page = await shop.call<Paged<TrackedFileView>>('GET', query);
      done.push(...page.body.items.map((f) => f.s3Key));
      pageToken = page.body.nextPageToken;
    } while (pageToken !== null);
    const [run] = (await shop.call<ListOf<RunView>>('GET', `/api/sources/${created.body.id}/runs`)).body.items;
    const counts = google.fake.counts();

    expect(done).toHaveLength(FILES);
    expect(new Set(done).size).toBe(FILES);
    expect(run).toMatchObject({ status: 'succeeded', filesDone: FILES });
    expect(counts['files.list']).toBe(3);
    expect(counts['files.get.media']).toBe(FILES);
    expect(requests / FILES).toBeLessThanOrEqual(REQUESTS_PER_FILE);
  });
});
