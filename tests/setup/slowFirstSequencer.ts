import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { KNOWN_SLOW_FILES } from './knownSlowFiles';

/**
 * Puts the known-slow files (knownSlowFiles.ts) first, longest first, then the
 * rest in vitest's own order. Why: vitest orders files by the durations in its
 * results cache, and a clean clone (CI) has none, so a 150-second file could
 * start last and leave the other worker idle for most of it. Longest first
 * lets the short files fill in around the long ones on both workers.
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    return slowFirst(ordered, (spec) => path.relative(spec.project.config.root, spec.moduleId), KNOWN_SLOW_FILES);
  }
}

/**
 * `items` with those whose path is in `knownSlow` moved to the front, longest
 * first; the others keep their order. Paths are relative to the repository root.
 */
export function slowFirst<T>(items: readonly T[], pathOf: (item: T) => string, knownSlow: readonly { readonly file: string; readonly seconds: number }[]): T[] {
  const seconds = new Map(knownSlow.map((entry) => [entry.file, entry.seconds]));
  const secondsOf = (item: T): number | undefined => seconds.get(pathOf(item).split(path.sep).join('/'));
  const slow = items.filter((item) => secondsOf(item) !== undefined).sort((a, b) => (secondsOf(b) ?? 0) - (secondsOf(a) ?? 0));
  return [...slow, ...items.filter((item) => secondsOf(item) === undefined)];
}
