import { describe, expect, it } from 'vitest';
import type { DriveFolder, DriveFoldersPage } from '../api/types';
import { driveNode, loadChildren } from './folderTree';

const folder = (id: string, viaShortcut = false): DriveFolder => ({ id, name: `Thư mục ${id}`, viaShortcut });

function pages(...answers: DriveFoldersPage[]): { load: (parentId: string, pageToken?: string) => Promise<DriveFoldersPage>; asked: (string | undefined)[] } {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    load: (_parentId, pageToken) => {
      asked.push(pageToken);
      const answer = answers.shift();
      return answer === undefined ? Promise.reject(new Error('no more pages')) : Promise.resolve(answer);
    },
  };
}

describe('loadChildren', () => {
  it('shows a folder listed twice (itself and a shortcut to it) once', async () => {
    const node = driveNode('root', 'My Drive');
    const { load } = pages({ items: [folder('a'), folder('a', true), folder('b')], nextPageToken: 'p2', videos: 0 }, { items: [folder('b'), folder('c')], nextPageToken: null, videos: 0 });

    await loadChildren(node, load);
    await loadChildren(node, load);

    expect(node.children?.map((child) => child.id)).toEqual(['a', 'b', 'c']);
  });

  it('reads on past pages with no folders, so "no folders" is never said while more may come', async () => {
    const node = driveNode('root', 'My Drive');
    const { load, asked } = pages({ items: [], nextPageToken: 'p2', videos: 3 }, { items: [], nextPageToken: 'p3', videos: 2 }, { items: [folder('x')], nextPageToken: 'p4', videos: 0 });

    await loadChildren(node, load);

    expect(asked).toEqual([undefined, 'p2', 'p3']);
    expect(node.children?.map((child) => child.id)).toEqual(['x']);
    expect(node.nextPageToken).toBe('p4');
    // The videos of every page read count.
    expect(node.videos).toBe(5);
  });
});
