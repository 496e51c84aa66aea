// Turns the test-facing ContentSpec into a FileContent.
import { BufferContent } from './BufferContent';
import { SyntheticContent } from './SyntheticContent';
import type { ContentSpec, FileContent } from './types';

export function makeContent(spec: ContentSpec): FileContent {
  return Buffer.isBuffer(spec) ? new BufferContent(spec) : new SyntheticContent(spec.syntheticBytes, spec.seed ?? 0);
}
