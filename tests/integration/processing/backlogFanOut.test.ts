/**
 * A backlog of 10,000 stored files, fanned out by the real sync-source
 * definition in the ASL interpreter: PlanProcessing (the real use case, over
 * in-memory repositories) plans every camera's files, the ProcessCameras Map
 * runs each camera's steps one after another within the steps the plan gave
 * it, and what one run leaves is planned again by the next. The ProcessCamera
 * task is a stand-in that reads 12 files a step (what the real one takes at
 * most) and records them processed: decoding is tested elsewhere
 * (cloudProcessing.test.ts); here it is the fan-out and its bounds.
 */
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { revisionTagOf } from '../../../core/ports/fileProcessingRepository';
import type { CameraWork } from '../../../core/ports/processingManifestStore';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import { planProcessing, type PlanProcessingDeps, type ProcessingPlan } from '../../../core/processing/cloud/planProcessing';
import { MAX_CAMERAS_PER_RUN, MAX_STEPS_PER_CAMERA, processingHistoryEvents, stepsPerCamera } from '../../../core/processing/cloud/processingRounds';
import { processingSettingsSchema } from '../../../core/sources/processingSettings';
import type { Source } from '../../../core/sources/source';
import type { TrackedFile } from '../../../core/sync/trackedFile';
import { loadDefinition, type AslDefinition, type AslState } from '../../../infra/local/stepfunctions/loadDefinition';
import { MemoryFileProcessingRepository } from '../../fakes/memoryFileProcessingRepository';
import { MemoryTrackedFileRepository } from '../../fakes/memoryTrackedFileRepository';

const ASL = fileURLToPath(new URL('../../../statemachines/sync-source.asl.json', import.meta.url));
const T = 'tenant-backlog';
const S = 'source-backlog';
const FILES_PER_STEP = 12;
/** Step Functions' hard limit on one Standard execution's history. */
const HISTORY_LIMIT = 25_000;

function storedFile(cameraId: string, index: number): TrackedFile {
  const start = new Date(Date.UTC(2025, 6, 1) + index * 60_000).toISOString();
  const id = `${cameraId}-${String(index).padStart(5, '0')}`;
  return {
    tenantId: T, sourceId: S, providerFileId: id, name: `${cameraId}_${id}.mp4`, relativePath: `${cameraId}/${id}.mp4`, cameraId, mimeType: 'video/mp4',
    size: 1_000_000, md5: `md5-${id}`, revision: `rev-${id}`, modifiedTime: null, recordingStartAt: start, s3Key: `${T}/${S}/${cameraId}/${id}.mp4`,
    status: 'done', attempts: 0, lastError: null, reason: null, bytesTransferred: 1_000_000, checkpoint: null, runId: null, createdAt: start, updatedAt: start,
  };
}

/** A source with processing on and `perCamera` stored, unread files on each of `cameras` cameras. */
async function backlog(cameras: number, perCamera: number) {
  const files = new MemoryTrackedFileRepository();
  for (let c = 0; c < cameras; c += 1) {
    for (let i = 0; i < perCamera; i += 1) await files.upsert(storedFile(`cam${String(c).padStart(4, '0')}`, i));
  }
  const source = { tenantId: T, id: S, type: 'google_drive', config: { folderIds: ['f'], processing: processingSettingsSchema.parse({ enabled: true }) } } as unknown as Source;
  const manifests = new Map<string, CameraWork>();
  const planned: number[] = [];
  const records = new MemoryFileProcessingRepository();
  const deps: PlanProcessingDeps = {
    // Only `get` is read when planning.
    sources: { get: async () => source } as unknown as SourceRepository,
    files,
    records,
    manifests: {
      write: async (_t, _s, runId, work) =>
        work.map((camera) => {
          const key = `${runId}/${camera.cameraId}.json`;
          manifests.set(key, camera);
          return key;
        }),
      read: async (key) => manifests.get(key)!,
    },
    progress: { planned: async (_run, todo) => void planned.push(todo), add: async () => undefined },
  };
  return { deps, files, records, manifests, planned };
}

/** The real definition's ProcessCameras state, ending the machine where the real one goes on to FinishRun. */
async function processCamerasMachine(): Promise<StateMachine> {
  const full = await loadDefinition(ASL, new Proxy({}, { get: (_, name) => `arn:aws:lambda:local:000000000000:function:${String(name)}` }));
  const { Next: _next, Catch: _catch, ...state } = full.States['ProcessCameras'] as AslState & { Next?: string; Catch?: unknown };
  const definition: AslDefinition = { StartAt: 'ProcessCameras', States: { ProcessCameras: { ...state, End: true } as AslState } };
  return new StateMachine(definition as unknown as ConstructorParameters<typeof StateMachine>[0]);
}

interface StepInput {
  readonly cameraId: string;
  readonly manifestKey: string;
  readonly offset: number;
  readonly round: number;
  readonly maxSteps: number;
}

/** Runs one sync run's processing: the plan, then the Map over its cameras; answers the steps each camera took. */
async function runProcessing(
  world: Awaited<ReturnType<typeof backlog>>,
  runId: string,
  filesPerStep = FILES_PER_STEP,
): Promise<{ plan: ProcessingPlan; steps: Map<string, number> }> {
  const plan = await planProcessing(world.deps, { tenantId: T, sourceId: S, runId });
  const steps = new Map<string, number>();
  const processCamera = async (value: unknown): Promise<unknown> => {
    const input = value as StepInput;
    const work = world.manifests.get(input.manifestKey)!;
    const todo = work.files.filter((f) => f.todo);
    for (const entry of todo.slice(input.offset, input.offset + filesPerStep)) {
      const file = (await world.files.get({ tenantId: T, sourceId: S, providerFileId: entry.providerFileId }))!;
      await world.records.put({ tenantId: T, sourceId: S, providerFileId: file.providerFileId, revisionTag: revisionTagOf(file), state: 'processed', reason: null, events: 0, runId, at: runId });
    }
    steps.set(input.cameraId, (steps.get(input.cameraId) ?? 0) + 1);
    const offset = input.offset + filesPerStep;
    return { ...input, offset, round: input.round + 1, remaining: offset < todo.length };
  };
  const machine = await processCamerasMachine();
  await machine.run({ tenantId: T, sourceId: S, runId, processing: plan } as never, { overrides: { taskResourceLocalHandlers: { ProcessCamera: processCamera as never } } }).result;
  return { plan, steps };
}

describe('a backlog of 10,000 files', () => {
  it('on 20 cameras is planned in one run, each camera in steps of its own, within Step Functions’ history limit', async () => {
    // Prepare
    const world = await backlog(20, 500);

    // Act
    const { plan, steps } = await runProcessing(world, 'run-1');

    // Assess: every file planned and read, no camera over its share, no step per file.
    expect(plan.todo).toBe(10_000);
    expect(plan.deferredTodo).toBe(0);
    expect(world.planned).toEqual([10_000]);
    expect(new Set(plan.cameras.map((c) => c.maxSteps))).toEqual(new Set([stepsPerCamera(20)]));
    expect([...steps.values()]).toEqual(Array(20).fill(Math.ceil(500 / FILES_PER_STEP)));
    expect(world.records.records.size).toBe(10_000);
    expect(processingHistoryEvents(20)).toBeLessThanOrEqual(14_000);
    const next = await planProcessing(world.deps, { tenantId: T, sourceId: S, runId: 'run-2' });
    expect(next.todo).toBe(0);
  }, 120_000);

  it('on one camera takes the camera’s step limit in a run and leaves the rest to the next runs, in recording order', async () => {
    // Prepare
    const world = await backlog(1, 10_000);
    const perRun = MAX_STEPS_PER_CAMERA * FILES_PER_STEP;

    // Act
    const first = await runProcessing(world, 'run-1');
    const second = await runProcessing(world, 'run-2');

    // Assess
    expect(first.steps.get('cam0000')).toBe(MAX_STEPS_PER_CAMERA);
    expect(first.plan.todo).toBe(10_000);
    expect(second.plan.todo).toBe(10_000 - perRun);
    // The oldest footage went first: what is left begins right after what the first run read.
    const secondWork = world.manifests.get(second.plan.cameras[0]!.manifestKey)!;
    expect(secondWork.files.find((f) => f.todo)?.providerFileId).toBe(`cam0000-${String(perRun).padStart(5, '0')}`);
    let runs = 2;
    while ((await planProcessing(world.deps, { tenantId: T, sourceId: S, runId: `probe-${runs}` })).todo > 0) {
      runs += 1;
      await runProcessing(world, `run-${runs}`);
    }
    expect(runs).toBe(Math.ceil(10_000 / perRun));
    expect(world.records.records.size).toBe(10_000);
  }, 120_000);

  it('deeper on 40 cameras: each camera stops at its share of the run, and the next run finishes the rest', async () => {
    // Prepare: long recordings, read one a step (the 256 MB a step allows); 50 a camera need more steps than a run of 40 cameras gives each.
    const world = await backlog(40, 50);
    const share = stepsPerCamera(40);
    expect(share).toBeLessThan(50);

    // Act
    const first = await runProcessing(world, 'run-1', 1);
    const second = await runProcessing(world, 'run-2', 1);

    // Assess
    expect([...first.steps.values()]).toEqual(Array(40).fill(share));
    expect(second.plan.todo).toBe(40 * (50 - share));
    expect([...second.steps.values()]).toEqual(Array(40).fill(50 - share));
    expect(world.records.records.size).toBe(40 * 50);
  }, 120_000);

  it('shares a run between cameras so the steps never outgrow one execution’s history, however many cameras', () => {
    for (let cameras = 1; cameras <= MAX_CAMERAS_PER_RUN; cameras += 1) {
      const steps = stepsPerCamera(cameras);
      expect(steps).toBeGreaterThanOrEqual(1);
      expect(steps).toBeLessThanOrEqual(MAX_STEPS_PER_CAMERA);
      // What transfers may write (400 batches, core/sync/batchTransfers.ts) still fits beside it.
      expect(processingHistoryEvents(cameras) + 400 * 11).toBeLessThan(HISTORY_LIMIT);
    }
    // Twenty cameras at the old fixed 200 steps each would have passed the limit.
    expect(20 * (6 + 7 * 200)).toBeGreaterThan(HISTORY_LIMIT);
  });

  it('plans at most the cameras one run can hold; the others wait for the next run with their files counted', async () => {
    // Prepare
    const world = await backlog(MAX_CAMERAS_PER_RUN + 3, 2);

    // Act
    const plan = await planProcessing(world.deps, { tenantId: T, sourceId: S, runId: 'run-1' });

    // Assess
    expect(plan.cameras).toHaveLength(MAX_CAMERAS_PER_RUN);
    expect(plan.cameras.every((c) => c.maxSteps === 1)).toBe(true);
    expect(plan.todo).toBe(MAX_CAMERAS_PER_RUN * 2);
    expect(plan.deferredTodo).toBe(3 * 2);
  }, 120_000);
});
