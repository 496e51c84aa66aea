import { describe, expect, it } from 'vitest';
import { unnamedFolderIds, withDriveNames } from './savedFolderNames';

describe('saved folder names', () => {
  const saved = [
    { id: 'a1', name: 'a1' },
    { id: 'b2', name: 'Named by the tree' },
    { id: 'c3', name: 'c3' },
    { id: 'd4', name: 'd4' },
  ];

  it('asks only for the folders known by id', () => {
    expect(unnamedFolderIds(saved)).toEqual(['a1', 'c3', 'd4']);
  });

  it("puts in Drive's names and says which folders Drive no longer has, keeping names the tree gave", () => {
    const named = withDriveNames(saved, [
      { id: 'a1', name: 'Station 1', found: true },
      { id: 'b2', name: 'Other name', found: true },
      { id: 'c3', name: 'Old station', found: false },
      { id: 'd4', name: null, found: false },
    ]);

    expect(named).toEqual([
      { id: 'a1', name: 'Station 1' },
      { id: 'b2', name: 'Named by the tree' },
      { id: 'c3', name: 'Old station (no longer in Drive)' },
      { id: 'd4', name: 'A folder (no longer in Drive)' },
    ]);
  });
});
