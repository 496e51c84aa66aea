/**
 * An agent for a browser test: added on the Agents page as a shop owner does,
 * enrolled over HTTP with the one-time code the page shows (as vtrack-agent
 * enrols), and the heartbeat such an agent sends.
 */
import type { Page } from 'playwright-core';
import { agentCall } from './browserStack';

/** Adds the agent from the Agents page and enrols it; returns its credential. The enrolment panel is left open (its Done button). */
export async function enrolAgentInBrowser(page: Page, baseUrl: string, agentName: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  await page.getByRole('button', { name: 'Add agent' }).click();
  await page.getByLabel('New agent’s name').fill(agentName);
  await page.getByRole('button', { name: 'Add agent' }).click();
  const code = (await page.getByTestId('enrolment-code').textContent())?.trim() ?? '';
  const enrolled = await agentCall(baseUrl, 'POST', '/api/agent/enrol', null, { code });
  if (enrolled.status !== 201 && enrolled.status !== 200) throw new Error(`enrolling ${agentName} answered ${enrolled.status}`);
  return ((await enrolled.json()) as { credential: string }).credential;
}

/** A heartbeat of a healthy agent with a nearly empty disk, plus what the test reports (`cameras`, `discoveredCameras`). */
export function agentHeartbeat<Extra extends Record<string, unknown>>(hostname: string, extra: Extra): Record<string, unknown> & Extra {
  return { version: '0.1.0', hostname, uptimeSec: 600, disk: { usedBytes: 1_000_000_000, freeBytes: 90_000_000_000 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [], ...extra };
}
