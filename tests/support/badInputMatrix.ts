import { functionCatalog } from '../../functions/catalog';
import { validDriveSource } from './localStackHarness';

/** One catalogue route as the API serves it. */
export interface CatalogueRoute {
  readonly routeKey: string;
  readonly method: string;
  readonly path: string;
  readonly authenticated: boolean;
}

/** Every HTTP route of the function catalogue. */
export function catalogueRoutes(): CatalogueRoute[] {
  return functionCatalog.flatMap((spec) =>
    spec.kind !== 'http'
      ? []
      : (spec.routes ?? []).map((routeKey) => {
          const [method = '', path = ''] = routeKey.split(' ');
          return { routeKey, method, path, authenticated: spec.authenticated !== false };
        }),
  );
}

/** Real ids of the signed-in tenant's resources, so only the input under test is wrong. */
export type MatrixIds = {
  readonly sourceId: string;
  readonly connectionId: string;
};

/** One malformed request and the field its 400 must name. */
export interface BadRequest {
  readonly routeKey: string;
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly rawBody?: string;
  readonly field: string;
}

/** A valid body for each route that reads one, so a case spoils one thing only. */
export const validBodies: Readonly<Record<string, unknown>> = {
  'POST /api/auth/local/sign-up': { email: 'matrix@shop.example', password: 'correct horse battery', tenantName: 'Matrix' },
  'POST /api/auth/local/sign-in': { email: 'matrix@shop.example', password: 'correct horse battery' },
  'PATCH /api/tenant': { tenantName: 'Renamed' },
  // The name of the shop routeRoles.test.ts makes (shopWithTeam): a correct confirmation that only an owner may send.
  'DELETE /api/tenant': { confirm: 'Cửa hàng Hoa Sen' },
  'POST /api/sources': validDriveSource,
  'PATCH /api/sources/{sourceId}': { name: 'Renamed' },
  'POST /api/google/oauth/start': {},
  'POST /api/google/oauth/complete': { code: 'c', state: 's' },
  'POST /api/google/service-accounts': { keyJson: '{}', subject: 'owner@shop.example' },
  'POST /api/google/connections/{connectionId}/folder-names': { folderIds: ['1fake000001'] },
  'POST /api/google/connections/{connectionId}/preview': { folderIds: ['1fake000001'] },
  'POST /api/agents': { name: 'Kho Quận 7' },
  'PATCH /api/agents/{agentId}': { name: 'Kho Quận 7' },
  'POST /api/agents/{agentId}/listing': { path: '/srv/đầu ghi' },
  'POST /api/agent/enrol': { code: 'ABCD-EFGH' },
  'POST /api/events/search': { codes: ['GHN91500080636'] },
  'POST /api/events/export': { text: 'GHN91500080636' },
  'POST /api/events/{eventId}/shares': { days: 7 },
  'POST /api/auth/local/accept-invite': { token: 'A'.repeat(43), password: 'correct horse battery' },
  'POST /api/team/invites': { email: 'moi@shop.example', role: 'staff' },
  'PATCH /api/team/members/{userId}': { role: 'admin' },
  'PATCH /api/storage': { retention: { footageDays: 14, clipDays: 180 } },
  'PUT /api/events/{eventId}/keep': { keep: true, reason: 'khách báo hộp rỗng' },
  'POST /api/cameras/probes': { agentId: 'agt_x', address: '192.168.1.64', username: 'admin', password: 'mật khẩu' },
  'POST /api/cameras/probes/{requestId}/snapshot': { profileToken: 'Profile_1' },
  'POST /api/cameras': { probeId: 'camreq_x', profileToken: 'Profile_1', name: 'Bàn đóng gói 1' },
  'PATCH /api/cameras/{cameraId}': { name: 'Bàn đóng gói 1' },
  'POST /api/cameras/health/dismissals': { camera: 'agent:agt_x/ban-1', kind: 'offline', since: '2026-12-03T10:00:00.000Z' },
};

/**
 * Routes that take an edge agent's credential, not a user's token, and check it before the body:
 * the agent function's POST routes but enrolment (which takes a one-time code). Read from the
 * catalogue, so a new agent route is probed the same way without editing this list.
 */
const agentCredentialRoutes = new Set(
  (functionCatalog.find((spec) => spec.name === 'AgentApi')?.routes ?? []).filter((route) => route.startsWith('POST ') && route !== 'POST /api/agent/enrol'),
);

function fill(path: string, values: Partial<Record<string, string>>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
}

function parameters(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

/** A page token as the API handed them out before they were authenticated: any JSON key, here another tenant's. */
const forgedDynamoToken = Buffer.from(JSON.stringify({ pk: 'TENANT#ten_other#SOURCE#src_other', sk: 'FILE#x' })).toString('base64url');

const notAPrivateKey = JSON.stringify({ type: 'service_account', client_email: 'sa@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' });

/**
 * Each class of bad input, sent to every catalogue route it applies to:
 * malformed percent-encoding in the path, path ids too long or with odd
 * characters, bodies that are not JSON or not the right shape, forged or
 * garbage page tokens, bad query values, a service-account key that does not
 * parse and ONVIF addresses with impossible ports.
 */
export function badInputMatrix(ids: MatrixIds): BadRequest[] {
  const cases: BadRequest[] = [];
  for (const route of catalogueRoutes()) {
    const { routeKey, method } = route;
    const ok = fill(route.path, ids);
    const add = (kind: string, path: string, field: string, rawBody?: string): void => {
      cases.push({ routeKey, kind, method, path, field, ...(rawBody === undefined ? {} : { rawBody }) });
    };
    const body = validBodies[routeKey] === undefined ? undefined : JSON.stringify(validBodies[routeKey]);
    const params = parameters(route.path);

    if (params.length === 0) add('malformed percent-encoding', `${route.path}%E0%A4%A`, 'path', body);
    for (const name of params) {
      add('malformed percent-encoding', fill(route.path, { ...ids, [name]: '%E0%A4%A' }), 'path', body);
      add('lone percent sign', fill(route.path, { ...ids, [name]: '%' }), 'path', body);
      add('path id of 1,100 characters', fill(route.path, { ...ids, [name]: 'a'.repeat(1100) }), name, body);
      add('path id with a traversal', fill(route.path, { ...ids, [name]: '..%2F..%2Fetc' }), name, body);
      add('path id with non-Latin letters', fill(route.path, { ...ids, [name]: encodeURIComponent('nguồn_một') }), name, body);
    }
    // The heartbeat checks the agent's own credential first: without one it is a 401 before any body is read.
    if (method !== 'GET' && !agentCredentialRoutes.has(routeKey)) add('body that is not JSON', ok, 'body', '{"name": "Kho Hà Nội",');
    if (body !== undefined) add('body of the wrong shape', ok, 'body', '[1, 2, 3]');
  }

  const files = `/api/sources/${ids.sourceId}/files`;
  const drives = `/api/google/connections/${ids.connectionId}/drives`;
  const folders = `/api/google/connections/${ids.connectionId}/folders`;
  const push = (routeKey: string, kind: string, method: string, path: string, field: string, rawBody?: string): void => {
    cases.push({ routeKey, kind, method, path, field, ...(rawBody === undefined ? {} : { rawBody }) });
  };
  push('GET /api/sources/{sourceId}/files', 'garbage page token', 'GET', `${files}?pageToken=garbage`, 'pageToken');
  push('GET /api/sources/{sourceId}/files', 'forged page token (another tenant\'s key)', 'GET', `${files}?pageToken=${forgedDynamoToken}`, 'pageToken');
  push('GET /api/sources/{sourceId}/files', 'page token of 3,000 characters', 'GET', `${files}?pageToken=${'A'.repeat(3000)}`, 'pageToken');
  push('GET /api/sources/{sourceId}/files', 'limit that is not a number', 'GET', `${files}?limit=abc`, 'limit');
  push('GET /api/sources/{sourceId}/files', 'unknown status', 'GET', `${files}?status=lost`, 'status');
  push('GET /api/google/connections/{connectionId}/drives', 'garbage Drive page token', 'GET', `${drives}?pageToken=garbage-token`, 'pageToken');
  push('GET /api/google/connections/{connectionId}/folders', 'garbage Drive page token', 'GET', `${folders}?pageToken=garbage-token`, 'pageToken');
  push('GET /api/google/connections/{connectionId}/folders', 'parent folder id with a traversal', 'GET', `${folders}?parentId=..%2Fx`, 'parentId');
  push('DELETE /api/sources/{sourceId}', 'keepFootage neither true nor false', 'DELETE', `/api/sources/${ids.sourceId}?keepFootage=maybe`, 'keepFootage');
  push('POST /api/google/service-accounts', 'private_key that does not parse', 'POST', '/api/google/service-accounts', 'keyJson.private_key',
    JSON.stringify({ keyJson: notAPrivateKey, subject: 'owner@shop.example' }));
  const codes = Array.from({ length: 1001 }, (_, i) => `GHN${String(i).padStart(8, '0')}`);
  push('POST /api/events/search', '1,001 codes', 'POST', '/api/events/search', 'codes', JSON.stringify({ codes }));
  push('POST /api/events/search', '1,001 pasted codes', 'POST', '/api/events/search', 'text', JSON.stringify({ text: codes.join('\n') }));
  push('POST /api/events/search', 'codes that are not text', 'POST', '/api/events/search', 'codes', JSON.stringify({ codes: [1, 2] }));
  push('POST /api/events/search', 'body over 256 KiB', 'POST', '/api/events/search', 'body', JSON.stringify({ text: 'A'.repeat(300_000) }));
  push('POST /api/events/export', '1,001 codes', 'POST', '/api/events/export', 'codes', JSON.stringify({ codes }));
  push('GET /api/events', 'prefix of 2 characters', 'GET', '/api/events?prefix=GH', 'prefix');
  push('GET /api/events/{eventId}/clip', 'download neither 1 nor 0', 'GET', '/api/events/x/clip?download=yes', 'download');
  push('POST /api/events/{eventId}/shares', 'share of 31 days', 'POST', '/api/events/x/shares', 'days', JSON.stringify({ days: 31 }));
  push('POST /api/agents/{agentId}/listing', 'folder path that is not absolute', 'POST', '/api/agents/x/listing', 'path', JSON.stringify({ path: 'exports/cam1' }));
  push('POST /api/agents/{agentId}/listing', 'mapping time zone that is no zone', 'POST', '/api/agents/x/listing', 'mapping.timeZone', JSON.stringify({ path: '/srv/nvr', mapping: { timeZone: 'Mars/Olympus' } }));
  push('POST /api/events/{eventId}/shares', 'share of half a day', 'POST', '/api/events/x/shares', 'days', JSON.stringify({ days: 0.5 }));
  push('GET /api/sources/{sourceId}/cameras/{cameraId}/events', 'day that is not a date', 'GET', `/api/sources/${ids.sourceId}/cameras/cam1/events?day=2025-02-30`, 'day');
  push('PATCH /api/storage', 'footage retention that is no choice', 'PATCH', '/api/storage', 'retention.footageDays', JSON.stringify({ retention: { footageDays: 10 } }));
  push('PATCH /api/storage', 'clip retention as text', 'PATCH', '/api/storage', 'retention.clipDays', JSON.stringify({ retention: { clipDays: '180' } }));
  push('PATCH /api/storage', 'alert below zero', 'PATCH', '/api/storage', 'alert.value', JSON.stringify({ alert: { kind: 'gb', value: -5 } }));
  push('PATCH /api/storage', 'source override for no source id', 'PATCH', '/api/storage', 'sources.../x', JSON.stringify({ sources: { '../x': { footageDays: 7 } } }));
  push('PATCH /api/storage', 'source override with a setting it does not have', 'PATCH', '/api/storage', `sources.${ids.sourceId}.footage`, JSON.stringify({ sources: { [ids.sourceId]: { footage: 7 } } }));
  push('PATCH /api/storage', 'source override that is text', 'PATCH', '/api/storage', `sources.${ids.sourceId}`, JSON.stringify({ sources: { [ids.sourceId]: 'keep' } }));
  push('PUT /api/events/{eventId}/keep', 'keep that is not true or false', 'PUT', '/api/events/x/keep', 'keep', JSON.stringify({ keep: 'yes' }));
  push('GET /api/cameras/health/history', 'days that is not a number', 'GET', '/api/cameras/health/history?days=abc', 'days');
  push('GET /api/cameras/health/history', 'history of 31 days', 'GET', '/api/cameras/health/history?days=31', 'days');
  push('GET /api/cameras/health/history', 'camera key with a traversal', 'GET', `/api/cameras/health/history?camera=${encodeURIComponent('source:../x')}`, 'camera');
  const dismissal = validBodies['POST /api/cameras/health/dismissals'] as Record<string, unknown>;
  push('POST /api/cameras/health/dismissals', 'camera key with a traversal', 'POST', '/api/cameras/health/dismissals', 'camera', JSON.stringify({ ...dismissal, camera: 'agent:../x' }));
  push('POST /api/cameras/health/dismissals', 'a problem that never alerts', 'POST', '/api/cameras/health/dismissals', 'kind', JSON.stringify({ ...dismissal, kind: 'stream_errors' }));
  push('POST /api/cameras/health/dismissals', 'since that is no time', 'POST', '/api/cameras/health/dismissals', 'since', JSON.stringify({ ...dismissal, since: 'yesterday' }));
  for (const address of ['cam:99999', 'cam:0', '[fe80::1]:70000', `${'h'.repeat(300)}.example`]) {
    push('POST /api/sources', `ONVIF address ${address.slice(0, 20)}`, 'POST', '/api/sources', 'config.address',
      JSON.stringify({ type: 'onvif', name: 'Cam', intervalMinutes: 15, config: { address } }));
  }
  for (const address of ['192.168.1.64:99999', 'cam 1', '[fe80::1]:0']) {
    push('POST /api/cameras/probes', `camera address ${address}`, 'POST', '/api/cameras/probes', 'address', JSON.stringify({ agentId: 'agt_x', address, username: 'admin', password: 'x' }));
  }
  push('PATCH /api/cameras/{cameraId}', 'schedule with a time that is no time', 'PATCH', '/api/cameras/cam-x', 'schedule.0.start', JSON.stringify({ schedule: [{ days: [1], start: '25:00', end: '18:00' }] }));
  push('PATCH /api/cameras/{cameraId}', 'recording hours that end before they start', 'PATCH', '/api/cameras/cam-x', 'schedule.0.end', JSON.stringify({ schedule: [{ days: [1], start: '18:00', end: '08:00' }] }));
  push('PATCH /api/cameras/{cameraId}', 'segment length of 5 seconds', 'PATCH', '/api/cameras/cam-x', 'segmentSeconds', JSON.stringify({ segmentSeconds: 5 }));
  push('PATCH /api/cameras/{cameraId}', 'region past the right edge', 'PATCH', '/api/cameras/cam-x', 'roi.width', JSON.stringify({ roi: { x: 0.9, y: 0, width: 0.5, height: 0.5 } }));
  push('PATCH /api/cameras/{cameraId}', 'a password not checked with the camera', 'PATCH', '/api/cameras/cam-x', 'password', JSON.stringify({ password: 'mật khẩu mới' }));
  push('POST /api/cameras', 'segment length of two hours', 'POST', '/api/cameras', 'segmentSeconds', JSON.stringify({ probeId: 'camreq_x', profileToken: 'Profile_1', name: 'Bàn 1', segmentSeconds: 7200 }));
  push('PATCH /api/cameras/{cameraId}', 'NVR channel 0', 'PATCH', '/api/cameras/cam-x', 'nvr.channel', JSON.stringify({ nvr: { address: '192.168.1.10', username: 'admin', password: 'x', channel: 0 } }));
  push('DELETE /api/cameras/{cameraId}', 'keepFootage neither true nor false', 'DELETE', '/api/cameras/cam-x?keepFootage=maybe', 'keepFootage');
  return cases;
}
