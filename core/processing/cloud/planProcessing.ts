import { NotFoundError } from '../../errors';
import type { FileProcessingRepository } from '../../ports/fileProcessingRepository';
import type { ProcessingManifestStore } from '../../ports/processingManifestStore';
import type { RunProcessingProgress } from '../../ports/runProcessingProgress';
import type { SourceRepository } from '../../ports/sourceRepository';
import type { TrackedFileRepository } from '../../ports/trackedFileRepository';
import { processingSettingsOf } from '../../sources/processingSettings';
import { resolveEventBuilderOptions } from '../events/eventBuilderOptions';
import { orderReachSec } from '../events/neighbourWindow';
import type { TrackedFile } from '../../sync/trackedFile';
import { MAX_CAMERAS_PER_RUN, stepsPerCamera } from './processingRounds';
import { selectCameraWork } from './selectCameraWork';

export interface PlanProcessingDeps {
  readonly sources: SourceRepository;
  readonly files: TrackedFileRepository;
  readonly records: FileProcessingRepository;
  readonly manifests: ProcessingManifestStore;
  readonly progress: RunProcessingProgress;
}

export interface ProcessingPlan {
  /**
   * One entry per camera with work: its manifest, processed one step after
   * another (never two steps of one camera at once), at most `maxSteps` steps
   * this run (processingRounds.ts).
   */
  readonly cameras: readonly { readonly cameraId: string; readonly manifestKey: string; readonly todo: number; readonly maxSteps: number }[];
  /** Files still to read on the planned cameras (what the run's progress counts), and on cameras left for the next run. */
  readonly todo: number;
  readonly deferredTodo: number;
}

const PAGE = 500;

/**
 * The processing step of a sync run, planned: every stored file of the source
 * that processing has not read in its current revision, not only this run's new
 * ones. So turning processing on processes the footage already stored
 * (backfill), and a file an interrupted run left is taken by the next. Nothing
 * is planned while the source's processing is off.
 */
export async function planProcessing(deps: PlanProcessingDeps, ref: { tenantId: string; sourceId: string; runId: string }): Promise<ProcessingPlan> {
  const source = await deps.sources.get(ref.tenantId, ref.sourceId);
  if (source === null) throw new NotFoundError('source was deleted during the run', { context: { sourceId: ref.sourceId } });
  const settings = processingSettingsOf(source.config);
  if (!settings.enabled) return { cameras: [], todo: 0, deferredTodo: 0 };
  const files: TrackedFile[] = [];
  let pageToken: string | null = null;
  do {
    const page = await deps.files.listByStatus(ref.tenantId, ref.sourceId, 'done', { limit: PAGE, pageToken });
    files.push(...page.items);
    pageToken = page.nextPageToken;
  } while (pageToken !== null);
  // Neighbours as far as the longest order the settings allow can reach (10 s segment files and a 90 s parcel).
  const reachSec = orderReachSec(resolveEventBuilderOptions({ maxPackingSec: settings.maxPackingSec, preBufferSec: settings.preBufferSec, postBufferSec: settings.postBufferSec }));
  const allWork = selectCameraWork(files, await deps.records.listBySource(ref.tenantId, ref.sourceId), reachSec);
  // More cameras than one run's history can hold: the rest are planned again by the next run.
  const work = allWork.slice(0, MAX_CAMERAS_PER_RUN);
  const todoOf = (camera: (typeof allWork)[number]): number => camera.files.filter((f) => f.todo).length;
  const keys = await deps.manifests.write(ref.tenantId, ref.sourceId, ref.runId, work);
  const maxSteps = stepsPerCamera(work.length);
  const cameras = work.map((camera, i) => ({ cameraId: camera.cameraId, manifestKey: keys[i]!, todo: todoOf(camera), maxSteps }));
  const todo = cameras.reduce((sum, camera) => sum + camera.todo, 0);
  const deferredTodo = allWork.slice(MAX_CAMERAS_PER_RUN).reduce((sum, camera) => sum + todoOf(camera), 0);
  await deps.progress.planned(ref, todo);
  return { cameras, todo, deferredTodo };
}
