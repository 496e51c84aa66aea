import { describe, expect, it } from 'vitest';
import { cameraKey } from '../../../../core/cameras/cameraKey';
import { defaultCameraMapping, type CameraMappingConfig } from '../../../../core/cameras/cameraMappingConfig';
import { mapFileToCamera, type MappableFile } from '../../../../core/cameras/mapFileToCamera';
import { parseTimeZone } from '../../../../core/time/timeZone';

const hcm = parseTimeZone('+07:00');
const file = (relativePath: string, extra: Partial<MappableFile> = {}): MappableFile => ({
  relativePath,
  rootFolderName: 'Footage',
  modifiedTime: '2025-07-18T05:00:00.000Z',
  createdTime: '2025-07-18T04:00:00.000Z',
  ...extra,
});
const config = (overrides: Partial<CameraMappingConfig> = {}): CameraMappingConfig => ({ ...defaultCameraMapping, ...overrides });

describe('mapFileToCamera', () => {
  it('takes the camera and the local start time from a flat file name', () => {
    const mapped = mapFileToCamera(file('Cam1_20250718_093000.mp4'), config({ layout: 'flat' }), hcm);
    expect(mapped).toMatchObject({
      cameraId: 'cam1',
      cameraName: 'Cam1',
      recordingStartAt: '2025-07-18T02:30:00.000Z',
      startFrom: 'file_name',
      localDay: '2025-07-18',
    });
  });

  it('takes the camera from the first folder in a hierarchical tree, skipping date folders', () => {
    expect(mapFileToCamera(file('Cam2/2025-07-18/093000.mp4'), config({ layout: 'by_folder' }), hcm).cameraName).toBe('Cam2');
    expect(mapFileToCamera(file('2025/07/18/Packing West/clip.mp4'), config(), hcm).cameraName).toBe('Packing West');
  });

  it('handles a mixed tree in auto layout: folders win, else the file name, else the chosen folder', () => {
    expect(mapFileToCamera(file('Dock/Cam9_20250718_093000.mp4'), config(), hcm).cameraName).toBe('Dock');
    expect(mapFileToCamera(file('Cam3_20250718_093000.mp4'), config(), hcm).cameraName).toBe('Cam3');
    expect(mapFileToCamera(file('2025-07-18/recording.mp4'), config(), hcm).cameraName).toBe('Footage');
  });

  it('maps each file of a folder holding several cameras\' uploads by its own name, in a hierarchical tree', () => {
    const mixed = { folderHoldsSeveralCameras: true };
    expect(mapFileToCamera(file('Uploads/Cam1_20250718_093000.mp4', mixed), config(), hcm).cameraName).toBe('Cam1');
    expect(mapFileToCamera(file('Uploads/Cam2_20250718_093000.mp4', mixed), config(), hcm).cameraName).toBe('Cam2');
    // A camera folder beside it still names its files.
    expect(mapFileToCamera(file('Cam3/2025-07-18/093000.mp4'), config(), hcm).cameraName).toBe('Cam3');
    // A file without a camera in its name in that folder: the folder is all there is.
    expect(mapFileToCamera(file('Uploads/clip.mp4', mixed), config(), hcm).cameraName).toBe('Uploads');
    // The layout the tenant chose by hand still decides.
    expect(mapFileToCamera(file('Uploads/Cam2_20250718_093000.mp4', mixed), config({ layout: 'by_folder' }), hcm).cameraName).toBe('Uploads');
  });

  it('never names a camera after a folder of symbols only (..) when the file name carries one', () => {
    for (const layout of ['auto', 'flat', 'by_folder'] as const) {
      expect(mapFileToCamera(file('../Cam4_20250718_093000.mp4'), config({ layout }), hcm).cameraName).toBe('Cam4');
      expect(mapFileToCamera(file('Cam4_20250718_093000.mp4', { rootFolderName: '..' }), config({ layout }), hcm).cameraName).toBe('Cam4');
    }
    expect(mapFileToCamera(file('../Packing West/clip.mp4'), config(), hcm).cameraName).toBe('Packing West');
  });

  it('never names a camera after a shortcut\'s display name when the file name carries one', () => {
    const viaShortcut = { shortcutFolders: [0] };
    expect(mapFileToCamera(file('Lối tắt tới Kho/Cam5_20250718_093000.mp4', viaShortcut), config(), hcm).cameraName).toBe('Cam5');
    // A real camera folder inside the shortcut's folder still counts.
    expect(mapFileToCamera(file('Lối tắt tới Kho/Cam6/Cam5_20250718_093000.mp4', viaShortcut), config(), hcm).cameraName).toBe('Cam6');
    // Without a camera in the file name, the shortcut's name is all there is.
    expect(mapFileToCamera(file('Lối tắt tới Kho/clip.mp4', viaShortcut), config(), hcm).cameraName).toBe('Lối tắt tới Kho');
  });

  it('falls back to the earliest provider time when the name carries no time', () => {
    const mapped = mapFileToCamera(file('Cam1/clip.mp4'), config(), hcm);
    expect(mapped).toMatchObject({ recordingStartAt: '2025-07-18T04:00:00.000Z', startFrom: 'provider_time', localDay: '2025-07-18' });
  });

  it('uses the camera local day, not the UTC day, for the date', () => {
    const mapped = mapFileToCamera(file('Cam1_20250719_010000.mp4'), config(), hcm);
    expect(mapped.recordingStartAt).toBe('2025-07-18T18:00:00.000Z');
    expect(mapped.localDay).toBe('2025-07-19');
  });

  it('applies the tenant\'s renames and exclusions by camera key', () => {
    const mapped = mapFileToCamera(file('Cam1_20250718_093000.mp4'), config({ renames: { cam1: 'Packing 1' }, excluded: ['cam1'] }), hcm);
    expect(mapped).toMatchObject({ cameraId: 'cam1', cameraName: 'Packing 1', excluded: true });
  });

  it('knows nothing when neither name nor provider tells the time', () => {
    const mapped = mapFileToCamera(file('Cam1/clip.mp4', { modifiedTime: null, createdTime: null }), config(), hcm);
    expect(mapped).toMatchObject({ recordingStartAt: null, startFrom: 'unknown', localDay: null });
  });
});

describe('cameraKey', () => {
  it('slugs names and keeps distinct symbol-only names apart', () => {
    expect(cameraKey('Caméra Été 1')).toBe('camera-ete-1');
    expect(cameraKey('###')).not.toBe(cameraKey('***'));
    expect(cameraKey('###')).toMatch(/^camera-[a-z0-9]+$/);
  });
});
