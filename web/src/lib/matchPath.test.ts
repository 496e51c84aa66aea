import { describe, expect, it } from 'vitest';
import { matchPath } from './matchPath';

describe('matchPath', () => {
  it('takes a segment for each :name and decodes it', () => {
    expect(matchPath('/sources/:id', '/sources/src%2D1')).toEqual({ id: 'src-1' });
    expect(matchPath('/sources/:id/edit', '/sources/abc/edit')).toEqual({ id: 'abc' });
  });

  it('refuses other lengths, other words and empty segments', () => {
    expect(matchPath('/sources/:id', '/sources/abc/edit')).toBeNull();
    expect(matchPath('/sources/:id/edit', '/sources/abc/runs')).toBeNull();
    expect(matchPath('/sources/:id', '/sources/')).toBeNull();
  });
});
