import { describe, expect, it } from 'vitest';
import { disambiguatedKey, footageObjectKey, MAX_SEGMENT_BYTES, safeKeySegment } from '../../../../core/sync/objectKeyNaming';

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

  it('shortens a long name with a stable hash, keeping its beginning and extension, within what every store takes', () => {
    // About 100 Vietnamese characters: over 255 bytes, which a store keeping objects as files refuses.
    const long = `${'Đơn hàng số 12345 của khách '.repeat(4)}ghi lúc 09:30.mp4`;
    const segment = safeKeySegment(long);
    const bytes = new TextEncoder().encode(segment).length;
    expect(bytes).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect(segment).toMatch(/^Đơn hàng số 12345 của khách .*~[0-9a-f]{10}\.mp4$/);
    expect(safeKeySegment(long)).toBe(segment);
    expect(new TextEncoder().encode(disambiguatedKey(`t/s/c/d/${segment}`, '1AbCdEfGhIjKlMnOpQ')).length).toBeLessThan(255);
  });

  it('gives two long names that differ only at the end different keys', () => {
    const stem = 'Camera kho hàng chính '.repeat(10);
    expect(safeKeySegment(`${stem}A.mp4`)).not.toBe(safeKeySegment(`${stem}B.mp4`));
  });

  it('never splits a character and leaves names within the limit unchanged', () => {
    const segment = safeKeySegment('é'.repeat(400));
    expect(new TextEncoder().encode(segment).length).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect(segment).toMatch(/^(é)+~[0-9a-f]{10}$/);
    const fits = 'é'.repeat(MAX_SEGMENT_BYTES / 2);
    expect(safeKeySegment(fits)).toBe(fits);
  });

  it('disambiguates a duplicate name with the provider id before the extension', () => {
    expect(disambiguatedKey('t/s/c/2025-07-18/clip.mp4', '1AbCdEfGhIjKlMnOpQ')).toBe('t/s/c/2025-07-18/clip~1AbCdEfGhIjK.mp4');
    expect(disambiguatedKey('t/s/c/2025-07-18/noext', 'abc')).toBe('t/s/c/2025-07-18/noext~abc');
  });
});
