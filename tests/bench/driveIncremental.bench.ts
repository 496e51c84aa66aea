import path from 'node:path';
import { bench, describe } from 'vitest';
import { REPO_ROOT } from '../../infra/local/startLocalStack';
import { connectGoogle, startGoogleStack } from '../support/googleStack';
import { ApiClient } from '../support/localStackHarness';
import { writeBenchmarkSection } from './support/writeBenchmarkSection';

const TREE_FILES = 10_000;
const NEW_FILES = 10;
const FOLDERS = 40;

/**
 * Drive API calls and time of an incremental sync of a 10,000-file tree with 10
 * new files, against a sync of the same tree with no change (the floor) in the
 * same process, through the local stack and the Drive protocol fake.
 */
describe('Drive incremental sync', () => {
  bench(
    '10,000-file tree, 10 new files (writes docs/BENCHMARKS.md)',
    async () => {
      const google = await startGoogleStack();
      try {
        const shop = (await new ApiClient(google.harness.stack.url).signUp('bench@incremental.example', 'Bench')).client;
        const root = google.fake.drive.addFolder({ name: 'Footage' });
        const folders = Array.from({ length: FOLDERS }, (_, i) => google.fake.drive.addFolder({ name: `Cam${i + 1}`, parentId: root }));
        for (let i = 0; i < TREE_FILES; i += 1) {
          google.fake.drive.addFile({ name: `clip_${i}.mp4`, parentId: folders[i % FOLDERS] ?? root, content: Buffer.from(`f${i}`) });
        }
        const { id: connectionId } = await connectGoogle(shop);
        const firstStarted = Date.now();
        const created = await shop.call<{ id: string }>('POST', '/api/sources', {
          type: 'google_drive',
          name: 'Bench',
          intervalMinutes: 60,
          config: { connectionId, folderIds: [root] },
        });
        await google.harness.stack.settle();
        const firstSyncMs = Date.now() - firstStarted;

        const timedSync = async (): Promise<{ ms: number; calls: Record<string, number> }> => {
          google.fake.resetCounts();
          const started = Date.now();
          await shop.call('POST', `/api/sources/${created.body.id}/sync`);
          await google.harness.stack.settle();
          const counts = google.fake.counts() as Record<string, number>;
          return { ms: Date.now() - started, calls: counts };
        };
        const idle = await timedSync();
        for (let i = 0; i < NEW_FILES; i += 1) {
          google.fake.drive.addFile({ name: `new_${i}.mp4`, parentId: folders[i] ?? root, content: Buffer.from(`new ${i}`) });
        }
        const incremental = await timedSync();
        const apiCalls = (calls: Record<string, number>): number =>
          Object.entries(calls)
            .filter(([operation]) => operation !== 'files.get.media' && operation !== 'token')
            .reduce((sum, [, n]) => sum + n, 0);

        const command = 'npm run bench -- tests/bench/driveIncremental.bench.ts';
        const section = [
          '## Drive incremental sync',
          '',
          `Command: \`${command}\` (local stack, S3 and DynamoDB stand-ins, the Drive protocol fake; ${TREE_FILES.toLocaleString('en')} files in ${FOLDERS} folders; measured ${new Date().toISOString().slice(0, 10)}).`,
          '',
          '| sync | Drive API calls (excluding downloads and token refreshes) | downloads | time | vs no-change sync |',
          '| --- | --- | --- | --- | --- |',
          `| no change (baseline) | ${apiCalls(idle.calls)} (${JSON.stringify(idle.calls)}) | ${idle.calls['files.get.media'] ?? 0} | ${idle.ms} ms | 1.00× |`,
          `| ${NEW_FILES} new files | ${apiCalls(incremental.calls)} (${JSON.stringify(incremental.calls)}) | ${incremental.calls['files.get.media'] ?? 0} | ${incremental.ms} ms | ${(incremental.ms / Math.max(1, idle.ms)).toFixed(2)}× |`,
          '',
          `Goal: ≤ 5 Drive API calls for the incremental sync — **${apiCalls(incremental.calls) <= 5 ? 'met' : 'not met'}**. For scale, the first sync of the whole tree took ${(firstSyncMs / 1000).toFixed(1)} s.`,
        ].join('\n');
        await writeBenchmarkSection(path.join(REPO_ROOT, 'docs/BENCHMARKS.md'), 'drive-incremental', section);
        console.log(section);
      } finally {
        await google.close();
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  );
});
