import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, makeLocalTokenIssuer, TENANT_CLAIM } from '../../adapters/auth/localTokens';
import { systemClock } from '../../core/ports/clock';
import { DEFAULT_CLIENT } from '../fakes/drive';
import { badInputMatrix, catalogueRoutes } from '../support/badInputMatrix';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../support/googleStack';
import type { ShareLinkView } from '../../core/api/eventsApi';
import { parcelEvent, seedEvents, stackStores } from '../support/eventSeeds';
import { ApiClient, validDriveSource, validLocalSource } from '../support/localStackHarness';
import { requiredRole } from '../../functions/middleware/routeRoles';
import { validBodies } from '../support/badInputMatrix';
import { inviteAndJoin, type Member } from '../support/team';

/** What the probe counts; every figure but `calls` must be 0. */
interface Figures {
  calls: number;
  leaks: number;
  escalations: number;
  acceptedBadTokens: number;
  fiveHundreds: number;
  secretsSeen: number;
}

const PASSWORD = 'mật khẩu của chủ cửa hàng';

/**
 * The attacker's run against the local stack, repeatable in `npm test`:
 * tenant B calls every catalogue route with tenant A's ids, every
 * authenticated route gets the bad-token matrix, every route gets the
 * bad-input matrix, and every response body and log line is searched for the
 * secrets the stack holds (refresh and access tokens, the OAuth client secret,
 * the local keys, a service-account private key, passwords).
 */
describe('security probe (local stack, Google played by the fake)', () => {
  let google: GoogleStack;
  let shopA: ApiClient;
  let shopB: ApiClient;
  let anonymous: ApiClient;
  let ids: { sourceId: string; connectionId: string; tenantId: string; eventId: string; shareId: string; shareToken: string; code: string; agentId: string };
  const figures: Figures = { calls: 0, leaks: 0, escalations: 0, acceptedBadTokens: 0, fiveHundreds: 0, secretsSeen: 0 };
  let staffA: Member;
  let adminA: Member;
  let idsB: { sourceId: string; connectionId: string; userId: string; agentId: string };
  const findings: string[] = [];
  const seen: string[] = [];
  const writeStdout = process.stdout.write.bind(process.stdout);
  const writeStderr = process.stderr.write.bind(process.stderr);

  /** One call, counted, its body kept for the secret search. */
  async function call(client: ApiClient, method: string, pathname: string, body?: unknown, rawBody?: string): Promise<{ status: number; text: string }> {
    const response = await client.call(method, pathname, body, rawBody).catch(async () => {
      // A body that is not JSON (it should never happen) is still searched and counted.
      const raw = await fetch(`${google.harness.stack.url}${pathname}`, { method });
      return { status: raw.status, body: await raw.text() };
    });
    const text = JSON.stringify(response.body);
    figures.calls += 1;
    seen.push(text);
    if (response.status >= 500) {
      figures.fiveHundreds += 1;
      findings.push(`5xx: ${method} ${pathname.slice(0, 80)} → ${response.status}`);
    }
    return { status: response.status, text };
  }

  beforeAll(async () => {
    google = await startGoogleStack();
    const capture = (write: typeof process.stdout.write) =>
      ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        seen.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof process.stdout.write;
    process.stdout.write = capture(writeStdout);
    process.stderr.write = capture(writeStderr);
    anonymous = new ApiClient(google.harness.stack.url);
    const a = await anonymous.signUp('owner@shop-a.example', 'Cửa hàng A', PASSWORD);
    shopA = a.client;
    shopB = (await anonymous.signUp('owner@shop-b.example', 'Cửa hàng B', PASSWORD)).client;
    const connectionId = (await connectGoogle(shopA)).id;
    const connectionB = (await connectGoogle(shopB)).id;
    staffA = await inviteAndJoin(shopA, anonymous, 'packer@shop-a.example', 'staff', PASSWORD);
    adminA = await inviteAndJoin(shopA, anonymous, 'manager@shop-a.example', 'admin', PASSWORD);
    const folderB = google.fake.drive.addFolder({ name: 'Camera B' });
    const sourceB = await shopB.call<{ id: string }>('POST', '/api/sources', { ...validDriveSource, config: { connectionId: connectionB, folderIds: [folderB] } });
    const ownerB = await shopB.call<{ userId: string }>('GET', '/api/me');
    const agentB = await shopB.call<{ agent: { id: string } }>('POST', '/api/agents', { name: 'Máy của B' });
    idsB = { sourceId: sourceB.body.id, connectionId: connectionB, userId: ownerB.body.userId, agentId: agentB.body.agent.id };
    const folder = google.fake.drive.addFolder({ name: 'Camera bàn 1' });
    const created = await shopA.call<{ id: string }>('POST', '/api/sources', { ...validDriveSource, config: { connectionId, folderIds: [folder] } });
    // A found order of A's, with its clip and a share link: the ids and the token B tries.
    const stores = stackStores(google.harness.stack);
    const code = 'SPXVNPROBE0001';
    const clipKey = `${a.tenantId}/${created.body.id}/_clips/probe.mp4`;
    const order = parcelEvent({ tenantId: a.tenantId, sourceId: created.body.id, codes: [code], start: '2025-07-18T02:30:03.000Z', clipKey });
    await stores.putClip(clipKey, Buffer.from('not really a clip'));
    await seedEvents(stores.events, [order]);
    stores.close();
    const share = await shopA.call<ShareLinkView>('POST', `/api/events/${order.id}/shares`, { days: 7 });
    const shareToken = (share.body.url ?? '').split('/share/')[1] ?? '';
    // An enrolled edge agent of A's: B may neither manage it nor hand it a folder of B's.
    const agentA = await shopA.call<{ code: string; agent: { id: string } }>('POST', '/api/agents', { name: 'Máy kho A' });
    await anonymous.call('POST', '/api/agent/enrol', { code: agentA.body.code });
    ids = { sourceId: created.body.id, connectionId, tenantId: a.tenantId, eventId: order.id, shareId: share.body.id, shareToken, code, agentId: agentA.body.agent.id };
  });

  afterAll(async () => {
    process.stdout.write = writeStdout;
    process.stderr.write = writeStderr;
    writeStdout(
      `security probe: calls ${figures.calls}, leaks ${figures.leaks}, role escalations ${figures.escalations}, accepted bad tokens ${figures.acceptedBadTokens}, 5xx ${figures.fiveHundreds}, secrets in logs/responses ${figures.secretsSeen}\n`,
    );
    await google.close();
  });

  it('lets no tenant reach another tenant\'s sources, connections, orders or share links on any catalogue route', async () => {
    const bodies: Readonly<Record<string, unknown>> = {
      'PATCH /api/sources/{sourceId}': { name: 'taken over' },
      'POST /api/google/connections/{connectionId}/folder-names': { folderIds: ['1fake000001'] },
      'POST /api/google/connections/{connectionId}/preview': { folderIds: ['1fake000001'] },
    };
    for (const route of catalogueRoutes().filter((r) => r.authenticated && r.path.includes('{'))) {
      const pathname =
        route.path
          .replace('{sourceId}', ids.sourceId)
          .replace('{connectionId}', ids.connectionId)
          .replace('{eventId}', ids.eventId)
          .replace('{shareId}', ids.shareId)
          .replace('{agentId}', ids.agentId)
          .replace('{cameraId}', 'cam1') + (route.path.includes('{cameraId}') ? '?day=2025-07-18' : '');
      for (const repeat of [1, 2]) {
        const { status, text } = await call(shopB, route.method, pathname, bodies[route.routeKey]);
        if (status < 400 || text.includes(ids.tenantId) || text.includes('Cửa hàng A') || text.includes('owner@shop-a')) {
          figures.leaks += 1;
          findings.push(`leak (${repeat}): ${route.routeKey} → ${status} ${text.slice(0, 120)}`);
        }
      }
    }
    // The tenant swap in a body: B's local folder naming A's agent, made or moved there, is refused like an unknown agent.
    const folderB = await call(shopB, 'POST', '/api/sources', { ...validLocalSource, config: { path: '/srv/kho-b' } });
    const folderBId = (JSON.parse(folderB.text) as { id: string }).id;
    for (const [method, pathname] of [['POST', '/api/sources'], ['PATCH', `/api/sources/${folderBId}`]] as const) {
      const { status, text } = await call(shopB, method, pathname, { ...(method === 'POST' ? validLocalSource : {}), config: { path: '/srv/kho-b', agentId: ids.agentId } });
      if (status !== 400 || !text.includes('"field":"config.agentId"') || text.includes('Máy kho A')) {
        figures.leaks += 1;
        findings.push(`leak: B's local folder on A's agent (${method}) → ${status} ${text.slice(0, 120)}`);
      }
    }
    // A's own listings never show B anything, and B's show none of A's.
    for (const pathname of ['/api/sources', '/api/google/connections', '/api/me']) {
      const { text } = await call(shopB, 'GET', pathname);
      if (text.includes(ids.sourceId) || text.includes(ids.connectionId) || text.includes(ids.tenantId)) {
        figures.leaks += 1;
        findings.push(`leak: GET ${pathname} shows tenant A's ids to tenant B`);
      }
    }
    // B searching A's code, by list and by prefix, finds nothing; A's share token is no key to B's or A's API.
    const searched = await call(shopB, 'POST', '/api/events/search', { codes: [ids.code] });
    const prefixed = await call(shopB, 'GET', `/api/events?prefix=${ids.code.slice(0, 6)}`);
    if (searched.text.includes(ids.eventId) || !searched.text.includes(`"notFound":["${ids.code}"]`) || prefixed.text.includes(ids.eventId)) {
      figures.leaks += 1;
      findings.push(`leak: B's search shows A's order (${searched.text.slice(0, 120)} / ${prefixed.text.slice(0, 120)})`);
    }
    const tokenAsBearer = new ApiClient(google.harness.stack.url, ids.shareToken);
    for (const pathname of ['/api/me', `/api/events/${ids.eventId}`, '/api/sources']) {
      const { status } = await call(tokenAsBearer, 'GET', pathname);
      if (status !== 401) {
        figures.leaks += 1;
        findings.push(`leak: a share token used as a sign-in token on GET ${pathname} → ${status}`);
      }
    }
    // The link still plays (B's revoke was refused) and shows the order, not the tenant: apart from the
    // clip's presigned URL (an object key holds the tenant and source ids) no id, name or e-mail of A's.
    const shared = await call(anonymous, 'GET', `/api/public/shares/${ids.shareToken}`);
    const page = shared.text.replace(/"url":"[^"]*"/, '"url":""');
    if (shared.status !== 200 || [ids.tenantId, ids.sourceId, 'Cửa hàng A', 'owner@shop-a'].some((text) => page.includes(text))) {
      figures.leaks += 1;
      findings.push(`leak or lost link: the share page → ${shared.status} ${shared.text.slice(0, 120)}`);
    }
    const stillA = await shopA.call<{ name: string }>('GET', `/api/sources/${ids.sourceId}`);
    const orderStillA = await shopA.call<{ id: string }>('GET', `/api/events/${ids.eventId}`);
    const sharesStillA = await shopA.call<{ items: { id: string; state?: string }[] }>('GET', `/api/events/${ids.eventId}/shares`);

    expect(findings.filter((finding) => finding.startsWith('leak'))).toEqual([]);
    expect(stillA.body.name).toBe(validDriveSource.name);
    expect(orderStillA.body.id).toBe(ids.eventId);
    expect(sharesStillA.body.items.map((link) => link.id)).toEqual([ids.shareId]);
  });

  it('lets staff call no admin or owner route, and no member of A act on B, whatever the body', async () => {
    const fill = (path: string, values: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
    const ownIds = { ...ids, userId: staffA.userId };
    for (const route of catalogueRoutes().filter((r) => r.authenticated && requiredRole(r.routeKey) !== 'staff')) {
      const { status, text } = await call(staffA.client, route.method, fill(route.path, ownIds), validBodies[route.routeKey]);
      if (status !== 403 || !text.includes('"forbidden"')) {
        figures.escalations += 1;
        findings.push(`escalation: staff ${route.routeKey} → ${status} ${text.slice(0, 120)}`);
      }
    }
    // A member raising their own role, or an admin making themselves owner, is an owner's call.
    for (const [member, role] of [[staffA, 'owner'], [staffA, 'admin'], [adminA, 'owner']] as const) {
      const { status } = await call(member.client, 'PATCH', `/api/team/members/${member.userId}`, { role });
      if (status !== 403) {
        figures.escalations += 1;
        findings.push(`escalation: ${member.email} made themselves ${role} → ${status}`);
      }
    }
    // A's members (and owner) on B's source, connection and owner: never a success, never B's data.
    for (const member of [staffA.client, adminA.client, shopA]) {
      for (const route of catalogueRoutes().filter((r) => r.authenticated && r.path.includes('{'))) {
        const { status, text } = await call(member, route.method, fill(route.path, idsB), validBodies[route.routeKey]);
        if (status < 400 || text.includes(idsB.sourceId) || text.includes('Cửa hàng B') || text.includes('owner@shop-b')) {
          figures.leaks += 1;
          findings.push(`leak: A on B ${route.routeKey} → ${status} ${text.slice(0, 120)}`);
        }
      }
    }
    const teamB = await shopB.call<{ members: { role: string }[] }>('GET', '/api/team');
    const sourceB = await shopB.call<{ name: string }>('GET', `/api/sources/${idsB.sourceId}`);
    const meStaff = await staffA.client.call<{ role: string }>('GET', '/api/me');

    expect(findings.filter((finding) => finding.startsWith('escalation') || finding.startsWith('leak: A on B'))).toEqual([]);
    expect(teamB.body.members.map((member) => member.role)).toEqual(['owner']);
    expect(sourceB.body.name).toBe(validDriveSource.name);
    expect(meStaff.body.role).toBe('staff');
  });

  it('accepts no bad token on any authenticated route', async () => {
    const key = Buffer.from((await readFile(path.join(google.harness.dataDir, 'local-auth.key'), 'utf8')).trim(), 'base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { [TENANT_CLAIM]: ids.tenantId, token_use: 'id' };
    const genuine = (change: (jwt: SignJWT) => SignJWT, extra: Record<string, unknown> = claims): Promise<string> =>
      change(new SignJWT(extra).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setSubject('usr_probe')).sign(key);
    const valid = (jwt: SignJWT) => jwt.setIssuedAt(now).setExpirationTime(now + 3600);
    const badTokens: Record<string, string> = {
      garbage: 'not-a-token',
      'alg none': new UnsecuredJWT(claims).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setSubject('usr_probe').setIssuedAt(now).setExpirationTime(now + 3600).encode(),
      'another key': await valid(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setSubject('usr_probe')).sign(Buffer.alloc(32, 1)),
      expired: await genuine((jwt) => jwt.setIssuedAt(now - 7200).setExpirationTime(now - 3600)),
      'no exp': await genuine((jwt) => jwt.setIssuedAt(now)),
      'iat an hour ahead': await genuine((jwt) => jwt.setIssuedAt(now + 3600).setExpirationTime(now + 7200)),
      'access token': await genuine(valid, { ...claims, token_use: 'access' }),
      'wrong issuer': await valid(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('someone-else').setAudience(LOCAL_AUDIENCE).setSubject('usr_probe')).sign(key),
      'wrong audience': await valid(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience('other-app').setSubject('usr_probe')).sign(key),
      'tenant that does not exist': (await makeLocalTokenIssuer(key, systemClock).issue({ tenantId: 'ten_nobody', userId: 'usr_nobody', email: null })).token,
    };
    const tampered = (await makeLocalTokenIssuer(key, systemClock).issue({ tenantId: ids.tenantId, userId: 'usr_probe', email: null })).token.split('.');
    badTokens['payload swapped to another tenant'] = [tampered[0], Buffer.from(JSON.stringify({ ...claims, [TENANT_CLAIM]: 'ten_other' })).toString('base64url'), tampered[2]].join('.');

    for (const route of catalogueRoutes().filter((r) => r.authenticated)) {
      const pathname =
        route.path
          .replace('{sourceId}', ids.sourceId)
          .replace('{connectionId}', ids.connectionId)
          .replace('{eventId}', ids.eventId)
          .replace('{shareId}', ids.shareId)
          .replace('{cameraId}', 'cam1') + (route.path.includes('{cameraId}') ? '?day=2025-07-18' : '');
      const body = route.method === 'POST' || route.method === 'PATCH' ? validLocalSource : undefined;
      for (const [name, token] of Object.entries(badTokens)) {
        const { status } = await call(anonymous.withToken(token), route.method, pathname, body);
        if (status !== 401) {
          figures.acceptedBadTokens += 1;
          findings.push(`accepted: ${name} on ${route.routeKey} → ${status}`);
        }
      }
      const { status } = await call(anonymous, route.method, pathname, body);
      if (status !== 401) {
        figures.acceptedBadTokens += 1;
        findings.push(`accepted: no token on ${route.routeKey} → ${status}`);
      }
    }

    expect(findings.filter((finding) => finding.startsWith('accepted'))).toEqual([]);
  });

  it('answers the bad-input matrix on every route with 4xx, never a 5xx', async () => {
    const matrix = badInputMatrix(ids);
    const wrong: string[] = [];
    for (const request of matrix) {
      const { status } = await call(shopA, request.method, request.path, undefined, request.rawBody);
      if (status !== 400) wrong.push(`${request.routeKey} [${request.kind}] → ${status}`);
    }

    expect(wrong).toEqual([]);
    expect(figures.fiveHundreds).toBe(0);
  });

  it('shows no secret in any response or log line', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // A service-account key Google refuses: it must not come back in the error or the logs either.
    await call(shopA, 'POST', '/api/google/service-accounts', {
      keyJson: JSON.stringify({ type: 'service_account', client_email: 'probe@p.iam.gserviceaccount.com', private_key: pem }),
      subject: 'owner@shop-a.example',
    });
    await call(anonymous, 'POST', '/api/auth/local/sign-in', { email: 'owner@shop-a.example', password: `${PASSWORD} sai` });
    const dataDir = google.harness.dataDir;
    const fileKey = async (name: string) => (await readFile(path.join(dataDir, name), 'utf8')).trim();
    const secrets: Record<string, string> = {
      'OAuth client secret': DEFAULT_CLIENT.clientSecret ?? '',
      'local sign-in key': await fileKey('local-auth.key'),
      'local master key': await fileKey('local-master.key'),
      'page-token key': await fileKey('page-token.key'),
      'service-account private key': pem.split('\n')[1] ?? '',
      password: PASSWORD,
    };
    for (const [index, token] of google.fake.oauth.issuedTokens().entries()) secrets[`Google token ${index}`] = token;
    expect(Object.keys(secrets).length).toBeGreaterThan(8);

    const haystack = seen.join('\n');
    for (const [name, secret] of Object.entries(secrets)) {
      if (secret.length >= 8 && haystack.includes(secret)) {
        figures.secretsSeen += 1;
        findings.push(`secret: the ${name} appears in a response or log line`);
      }
    }

    expect(findings.filter((finding) => finding.startsWith('secret'))).toEqual([]);
    expect(figures.calls).toBeGreaterThan(300);
  });
});
