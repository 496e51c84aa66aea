import { describe, expect, it } from 'vitest';
import { FolderCameras } from '../../../../core/cameras/folderCameras';

describe('FolderCameras', () => {
  it('tells a folder whose file names name several cameras from a camera\'s own folder', () => {
    const cameras = new FolderCameras();
    cameras.add('root', 'Uploads/Cam1_20250718_093000.mp4');
    cameras.add('root', 'Uploads/CAM1_20250718_094000.mp4');
    cameras.add('root', 'Cam1/Cam1_20250718_093000.mp4');
    expect(cameras.holdsSeveral('root', 'Uploads/x.mp4')).toBe(false);

    cameras.add('root', 'Uploads/Cam2_20250718_093000.mp4');

    expect(cameras.holdsSeveral('root', 'Uploads/x.mp4')).toBe(true);
    expect(cameras.holdsSeveral('root', 'Cam1/x.mp4')).toBe(false);
    // Same path under another chosen folder is another folder.
    expect(cameras.holdsSeveral('other', 'Uploads/x.mp4')).toBe(false);
  });

  it('ignores names that carry no camera', () => {
    const cameras = new FolderCameras();
    cameras.add('root', 'a/clip one.mp4');
    cameras.add('root', 'a/Cam1_20250718_093000.mp4');
    expect(cameras.holdsSeveral('root', 'a/x.mp4')).toBe(false);
  });
});
