import { describe, expect, it } from 'vitest';
import { LocalFolderCameras, localFolderName } from '../../../../core/cameras/localFolderCameras';
import { parseTimeZone } from '../../../../core/time/timeZone';

const mapping = { layout: 'auto' as const, timeZone: '+07:00', renames: { cam2: 'Bàn gói hàng 2' }, excluded: ['cam9'] };

describe('LocalFolderCameras', () => {
  it('names a local folder by its last segment, for POSIX and Windows paths, with or without a trailing separator', () => {
    expect(localFolderName('/srv/nvr/Quầy 1/')).toBe('Quầy 1');
    expect(localFolderName('D:\\Xuất NVR\\Kho Quận 7')).toBe('Kho Quận 7');
    expect(localFolderName('\\\\nas\\camera')).toBe('camera');
    expect(localFolderName('/')).toBe('/');
  });

  it('maps each file of a folder holding several cameras by its own name, and a camera\'s own folder by the folder', () => {
    const listed = ['Xuất NVR/Cam1_20250718_093000.mp4', 'Xuất NVR/Cam2_20250718_093000.mp4', 'Xuất NVR/Cam9_20250718_093000.mp4', 'Cổng sau/Cam1_20250718_093000.mp4', 'lẻ.mp4'];
    const cameras = new LocalFolderCameras('/srv/Kho Quận 7', listed, mapping, parseTimeZone(mapping.timeZone));
    const of = (relativePath: string) => cameras.cameraOf({ relativePath, modifiedTime: '2025-07-18T05:00:00.000Z' });

    expect(of('Xuất NVR/Cam1_20250718_093000.mp4')).toMatchObject({ cameraId: 'cam1', recordingStartAt: '2025-07-18T02:30:00.000Z', startFrom: 'file_name' });
    expect(of('Xuất NVR/Cam2_20250718_093000.mp4')).toMatchObject({ cameraId: 'cam2', cameraName: 'Bàn gói hàng 2', excluded: false });
    expect(of('Xuất NVR/Cam9_20250718_093000.mp4').excluded).toBe(true);
    expect(of('Cổng sau/Cam1_20250718_093000.mp4')).toMatchObject({ cameraId: 'cong-sau', cameraName: 'Cổng sau' });
    // No camera in the name and none in a folder: the watched folder itself.
    expect(of('lẻ.mp4')).toMatchObject({ cameraId: 'kho-quan-7', startFrom: 'provider_time' });
  });
});
