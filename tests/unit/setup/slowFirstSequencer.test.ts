import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_SLOW_FILES } from '../../setup/knownSlowFiles';
import { slowFirst } from '../../setup/slowFirstSequencer';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

describe('the slow-first test order', () => {
  it('starts the known-slow files first, longest first, and keeps the order of the rest', () => {
    // Arrange
    const known = [
      { file: 'tests/b.test.ts', seconds: 90 },
      { file: 'tests/a.test.ts', seconds: 200 },
    ];
    const files = ['tests/x.test.ts', 'tests/b.test.ts', 'tests/y.test.ts', 'tests/a.test.ts', 'tests/w.test.ts'];

    // Act
    const ordered = slowFirst(files, (file) => file, known);

    // Assess
    expect(ordered).toEqual(['tests/a.test.ts', 'tests/b.test.ts', 'tests/x.test.ts', 'tests/y.test.ts', 'tests/w.test.ts']);
  });

  it('lists only test files that exist, so a renamed slow file is noticed rather than started last', () => {
    const missing = KNOWN_SLOW_FILES.map((entry) => entry.file).filter((file) => !existsSync(path.join(REPO_ROOT, file)));

    expect(missing).toEqual([]);
  });
});
