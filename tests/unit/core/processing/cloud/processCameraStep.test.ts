import { describe, expect, it } from 'vitest';
import type { ClipStore } from '../../../../../core/ports/clipStore';
import type { CameraWork } from '../../../../../core/ports/processingManifestStore';
import type { RunProcessing, RunProcessingProgress } from '../../../../../core/ports/runProcessingProgress';
import type { SourceRepository } from '../../../../../core/ports/sourceRepository';
import { processCameraStep, type ProcessCameraDeps } from '../../../../../core/processing/cloud/processCameraStep';
import { processingSettingsSchema } from '../../../../../core/sources/processingSettings';
import type { Source } from '../../../../../core/sources/source';
import type { TrackedFile } from '../../../../../core/sync/trackedFile';
import { MemoryEventRepository } from '../../../../fakes/memoryEventRepository';
import { MemoryFileProcessingRepository } from '../../../../fakes/memoryFileProcessingRepository';
import { MemoryTrackedFileRepository } from '../../../../fakes/memoryTrackedFileRepository';

const T = 't';
const S = 's';
const file = (id: string, minute: number): TrackedFile => ({
  tenantId: T, sourceId: S, providerFileId: id, name: `Cam1_20250718_09${String(minute).padStart(2, '0')}00.mp4`, relativePath: `${id}.mp4`, cameraId: 'cam1',
  mimeType: 'video/mp4', size: 1, md5: `md5-${id}`, revision: `rev-${id}`, modifiedTime: null, recordingStartAt: null, s3Key: `t/s/cam1/${id}.mp4`,
  status: 'done', attempts: 0, lastError: null, reason: null, bytesTransferred: 1, checkpoint: null, runId: null, createdAt: 'x', updatedAt: 'x',
});

/** A world whose footage never finishes decoding: frames stop coming until the step gives up. */
async function stalledWorld(ids: readonly string[]) {
  const files = new MemoryTrackedFileRepository();
  for (const [i, id] of ids.entries()) await files.upsert(file(id, i * 15));
  const source = { tenantId: T, id: S, type: 'google_drive', config: { folderIds: ['f'], processing: processingSettingsSchema.parse({ enabled: true }) } } as unknown as Source;
  const added: Omit<RunProcessing, 'todo'>[] = [];
  const work: CameraWork = { cameraId: 'cam1', files: ids.map((id) => ({ providerFileId: id, todo: true })) };
  const deps: ProcessCameraDeps = {
    // Only `get` is used by a processing step.
    sources: { get: async () => source } as unknown as SourceRepository,
    files,
    records: new MemoryFileProcessingRepository(),
    manifests: { write: async () => [], read: async () => work },
    events: new MemoryEventRepository(),
    urls: { readUrl: async (key) => `http://127.0.0.1:9/${key}` },
    clips: { store: () => Promise.reject(new Error('no clip expected')), remove: async () => undefined } satisfies ClipStore,
    processing: {
      probe: { probe: async () => ({ durationSec: 900, width: 64, height: 64, fps: 15, videoCodec: 'h264' }) },
      frameSource: {
        frames: async function* (_path, _options, signal) {
          await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
          yield* [];
        },
      },
      reader: { read: async () => [] },
    },
    clock: { now: () => new Date() },
    progress: { planned: async () => undefined, add: async (_run, delta) => void added.push(delta) } satisfies RunProcessingProgress,
  };
  return { deps, added };
}

const request = { tenantId: T, sourceId: S, runId: 'run-1', manifestKey: 'k', offset: 0 };
const limits = (ms: number) => ({ maxFiles: 12, maxBytes: 1e9, urlTtlSec: 60, deadlineMs: Date.now() + ms });

describe('processCameraStep out of time', () => {
  it('with several files writes nothing and goes on one file a step from the same place', async () => {
    // Prepare
    const { deps, added } = await stalledWorld(['a', 'b', 'c']);

    // Act
    const result = await processCameraStep(deps, request, limits(50));

    // Assess
    expect(result).toMatchObject({ offset: 0, remaining: true, single: true, processed: 0, unprocessable: 0 });
    expect(await deps.records.listBySource(T, S)).toEqual([]);
    expect(added).toEqual([]);
  });

  it('with one file records it unprocessable for this revision, with the reason, so no sync retries it', async () => {
    // Prepare
    const { deps, added } = await stalledWorld(['long']);

    // Act
    const result = await processCameraStep(deps, request, { ...limits(50), maxFiles: 1 });

    // Assess
    expect(result).toMatchObject({ offset: 1, remaining: false, unprocessable: 1 });
    expect(await deps.records.listBySource(T, S)).toEqual([
      expect.objectContaining({ providerFileId: 'long', state: 'unprocessable', revisionTag: 'rev-long|md5-long', reason: expect.stringMatching(/longer than one processing step/) }),
    ]);
    expect(added).toEqual([{ processed: 0, unprocessable: 1, events: 0 }]);
  });
});
