import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentView } from '../../../core/api/agentsApi';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

/** A deployment without a public URL (AWS without Google settings): the command names the site the browser is on. */
describe('the enrol command on a site with no configured public URL', () => {
  let harness: Harness;
  let token: string;

  beforeAll(async () => {
    harness = await startHarness({ env: { PUBLIC_URL: '' } });
    const signedUp = await new ApiClient(harness.stack.url).call<{ token: string }>('POST', '/api/auth/local/sign-up', { email: 'site@kho.example', password: 'correct horse battery', tenantName: 'Kho Huế' });
    expect(signedUp.status).toBe(201);
    token = signedUp.body.token;
  }, 60_000);
  afterAll(() => harness.close());

  const create = async (origin: string | null): Promise<EnrolmentView> => {
    const response = await fetch(`${harness.stack.url}/api/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(origin === null ? {} : { origin }) },
      body: JSON.stringify({ name: 'Máy kho Huế' }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as EnrolmentView;
  };

  it('takes the site from the Origin the browser sent', async () => {
    const made = await create('https://vtrack.kho-hue.example');
    expect(made.command).toContain('wget -q https://vtrack.kho-hue.example/downloads/vtrack-agent-');
    expect(made.command).toContain(`install.sh --api https://vtrack.kho-hue.example --code ${made.code}`);
  });

  it('shows a placeholder, not a made-up address, when the Origin is missing or not an origin', async () => {
    for (const origin of [null, 'null', 'https://evil.example/path', 'javascript:alert(1)', '$(reboot)']) {
      const made = await create(origin);
      expect(made.command).toContain(`--api '<this site URL>' --code ${made.code}`);
      expect(made.command).not.toMatch(/evil|javascript|reboot/);
    }
  });
});
