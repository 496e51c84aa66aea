import { describe, expect, it } from 'vitest';
import { disambiguatedKey, footageObjectKey, safeKeySegment } from '../../../../core/sync/objectKeyNaming';

describe('footage object keys', () => {
  it('lays keys out as tenant/source/camera/day/name', () => {
    expect(footageObjectKey({ tenantId: 'ten_1', sourceId: 'src_1', cameraId: 'cam1', day: '2025-07-18', name: 'Cam1_093000.mp4' })).toBe(
      'ten_1/src_1/cam1/2025-07-18/Cam1_093000.mp4',
    );
  });

  it.each([
    ['..', '_'],
    ['.', '_'],
    ['', '_'],
    ['a/../../b.mp4', 'a_.._.._b.mp4'],
    ['evil\\name.mp4', 'evil_name.mp4'],
    ['bell\u0007\nname.mp4', 'bellname.mp4'],
    ['Camé\u0301ra.mp4'.normalize('NFD'), 'Camé\u0301ra.mp4'.normalize('NFC')],
    ['日本語のカメラ.mp4', '日本語のカメラ.mp4'],
  ])('makes %j a safe single segment', (raw, safe) => {
    expect(safeKeySegment(raw)).toBe(safe);
  });

  it('never lets a name leave its prefix', () => {
    const key = footageObjectKey({ tenantId: 't', sourceId: 's', cameraId: 'c', day: null, name: '../../other-tenant/x.mp4' });
    expect(key.startsWith('t/s/c/undated/')).toBe(true);
    expect(key.split('/')).toHaveLength(5);
  });

  it('caps very long names at 512 bytes without splitting a character', () => {
    const segment = safeKeySegment('é'.repeat(400));
    expect(new TextEncoder().encode(segment).length).toBeLessThanOrEqual(512);
    expect(segment).toBe('é'.repeat(256));
  });

  it('disambiguates a duplicate name with the provider id before the extension', () => {
    expect(disambiguatedKey('t/s/c/2025-07-18/clip.mp4', '1AbCdEfGhIjKlMnOpQ')).toBe('t/s/c/2025-07-18/clip~1AbCdEfGhIjK.mp4');
    expect(disambiguatedKey('t/s/c/2025-07-18/noext', 'abc')).toBe('t/s/c/2025-07-18/noext~abc');
  });
});
