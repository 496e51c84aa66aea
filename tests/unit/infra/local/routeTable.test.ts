import { describe, expect, it } from 'vitest';
import { compileRoute, matchRoute } from '../../../../infra/local/http/routeTable';

describe('local route table', () => {
  const routes = [
    compileRoute('GET /api/sources/{sourceId}', 'one'),
    compileRoute('GET /api/sources', 'list'),
    compileRoute('POST /api/sources/{sourceId}/sync', 'sync'),
  ];

  it('matches a literal route and fills path parameters, decoded', () => {
    expect(matchRoute(routes, 'GET', '/api/sources')?.route.target).toBe('list');
    const one = matchRoute(routes, 'GET', '/api/sources/src%20a');
    expect(one?.route.target).toBe('one');
    expect(one?.pathParameters).toEqual({ sourceId: 'src a' });
  });

  it('matches on method and whole segments only', () => {
    expect(matchRoute(routes, 'DELETE', '/api/sources/x')).toBeNull();
    expect(matchRoute(routes, 'GET', '/api/sources/x/y')).toBeNull();
    expect(matchRoute(routes, 'POST', '/api/sources/x/sync')?.pathParameters).toEqual({ sourceId: 'x' });
  });

  it.each(['/api/sources/%E0%A4%A', '/api/sources/%', '/api/sources/%zz/sync'])('matches nothing, without throwing, for the malformed percent-encoding in %s', (path) => {
    expect(matchRoute(routes, 'GET', path)).toBeNull();
    expect(matchRoute(routes, 'POST', path)).toBeNull();
  });

  it('refuses a malformed route key', () => {
    expect(() => compileRoute('/api/no-method', 'x')).toThrow(/METHOD \/path/);
  });
});
