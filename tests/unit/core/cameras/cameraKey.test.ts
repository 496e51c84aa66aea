import { describe, expect, it } from 'vitest';
import { cameraKey, legacyCameraKey } from '../../../../core/cameras/cameraKey';
import { cameraNameOf } from '../../../../core/cameras/cameraNameOf';
import { defaultCameraMapping } from '../../../../core/cameras/cameraMappingConfig';
import { mapFileToCamera, type MappableFile } from '../../../../core/cameras/mapFileToCamera';
import { parseTimeZone } from '../../../../core/time/timeZone';

const hcm = parseTimeZone('+07:00');
const file = (relativePath: string): MappableFile => ({ relativePath, rootFolderName: 'Footage', modifiedTime: null, createdTime: null });
const long = (end: string): string => `Camera quầy đóng gói số 2 — kho hàng Quận 7, Thành phố Hồ Chí Minh, lối vào phía ${end}`;

describe('cameraKey', () => {
  it('turns "đ" and "Đ" into "d" like every other Vietnamese letter', () => {
    expect(cameraKey('Bàn đóng gói')).toBe('ban-dong-goi');
    expect(cameraKey('ĐÈN KHO Đông')).toBe('den-kho-dong');
    expect(cameraKey('Cam 1')).toBe('cam-1');
  });

  it('keeps two long names that differ only past the cut apart, within 64 characters, the same each time', () => {
    const north = cameraKey(long('bắc'));
    const south = cameraKey(long('nam'));
    expect(north).not.toBe(south);
    expect(north.length).toBeLessThanOrEqual(64);
    expect(south.length).toBeLessThanOrEqual(64);
    expect(north).toMatch(/^camera-quay-dong-goi-so-2-[a-z0-9-]+-[a-z0-9]{7}$/);
    expect(cameraKey(long('bắc'))).toBe(north);
  });

  it('leaves the key of a name the old function read without loss as it was', () => {
    for (const name of ['Cam1', 'Caméra Été 1', 'Quầy 3 — kho Quận 7', 'x'.repeat(64), '###']) expect(cameraKey(name)).toBe(legacyCameraKey(name));
  });
});

describe('stored keys of names mapped before the fix', () => {
  it('a camera renamed or excluded under its old key keeps that key, so the rename and the exclusion still apply', () => {
    const renamed = mapFileToCamera(file('Bàn đóng gói/2025-07-18/093000.mp4'), { ...defaultCameraMapping, renames: { 'ban-ong-goi': 'Đóng gói 1' } }, hcm);
    expect(renamed).toMatchObject({ cameraId: 'ban-ong-goi', cameraName: 'Đóng gói 1', excluded: false });
    const excluded = mapFileToCamera(file(`${long('bắc')}/093000.mp4`), { ...defaultCameraMapping, excluded: [legacyCameraKey(long('bắc'))] }, hcm);
    expect(excluded).toMatchObject({ cameraId: legacyCameraKey(long('bắc')), excluded: true });
  });

  it('a camera the mapping does not name gets the new key', () => {
    expect(mapFileToCamera(file('Bàn đóng gói/2025-07-18/093000.mp4'), defaultCameraMapping, hcm).cameraId).toBe('ban-dong-goi');
  });

  it('a file stored under the old key still shows its camera name', () => {
    expect(cameraNameOf({ cameraId: 'ban-ong-goi', name: '093000.mp4', relativePath: 'Bàn đóng gói/2025-07-18/093000.mp4' }, {})).toBe('Bàn đóng gói');
    expect(cameraNameOf({ cameraId: 'ban-dong-goi', name: '093000.mp4', relativePath: 'Bàn đóng gói/2025-07-18/093000.mp4' }, {})).toBe('Bàn đóng gói');
  });
});
