import { describe, expect, it } from 'vitest';
import { pruneMapping } from '../../../../core/cameras/pruneMapping';

describe('pruneMapping', () => {
  const mapping = { layout: 'auto' as const, timeZone: 'Asia/Ho_Chi_Minh', renames: { cam1: 'Bàn 1', cam2: 'Bàn 2' }, excluded: ['cam2', 'cam3'] };

  it('drops renames and exclusions of cameras the chosen folders no longer have', () => {
    expect(pruneMapping(mapping, ['cam1', 'cam4'])).toEqual({ ...mapping, renames: { cam1: 'Bàn 1' }, excluded: [] });
  });

  it('keeps everything, as the same object, when every camera is still there', () => {
    expect(pruneMapping(mapping, ['cam1', 'cam2', 'cam3'])).toBe(mapping);
  });
});
