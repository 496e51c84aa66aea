/**
 * WS-Discovery over real interfaces: the agent's namespace has two network
 * cards (veth), each on a LAN of its own with one camera answering probes to
 * the WS-Discovery multicast group. The agent's scout, with the defaults
 * `vtrack-agent run` uses, probes by multicast on every interface and finds
 * both cameras, each on the card it is reached through, at the address it
 * answered from. Everything runs in network namespaces this test makes (root,
 * as in CI); nothing goes to the host's network.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredOnvifDevice } from '../../../adapters/onvif/discoverOnvifDevices';
import type { DiscoveredCamera } from '../../../core/edge/cameraHeartbeatSchema';
import { makeAgentLans, type AgentLans } from './support/lanNamespaces';

const TSX = createRequire(import.meta.url).resolve('tsx');
const RESPONDER = fileURLToPath(new URL('../../fakes/onvif/discoveryResponderChild.ts', import.meta.url));
const SCOUT = fileURLToPath(new URL('./support/scoutChild.ts', import.meta.url));

/** A child's stdout, line by line, as it comes. */
function linesOf(child: ChildProcess): string[] {
  const lines: string[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString('utf8')).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  return lines;
}

function stderrOf(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

describe('WS-Discovery by multicast over two network cards, in network namespaces', () => {
  let net: AgentLans;
  const cameras: { child: ChildProcess; lines: string[] }[] = [];

  beforeAll(async () => {
    net = await makeAgentLans(2);
  });
  afterAll(async () => {
    for (const { child } of cameras) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    await net?.remove();
  });

  it('probes on every interface of the agent and finds the camera on each LAN, at the address it answered from', async () => {
    // Arrange: a camera on each LAN. The first names a host the agent cannot reach in its answer (a vendor quirk).
    const [first, second] = net.lans;
    if (first === undefined || second === undefined) throw new Error('two LANs were asked for');
    const answers = [
      { lan: first, xaddr: 'http://192.168.1.64/onvif/device_service', scopes: ['onvif://www.onvif.org/name/Cam%20B%C3%A0n%201', 'onvif://www.onvif.org/hardware/DS-2CD1023G0E-I'] },
      { lan: second, xaddr: `http://${second.cameraAddress}:8080/onvif/device_service`, scopes: ['onvif://www.onvif.org/name/Cam%20Kho', 'onvif://www.onvif.org/hardware/IPC-HFW1230S'] },
    ];
    for (const { lan, xaddr, scopes } of answers) {
      const child = net.spawnIn(lan.namespace, process.execPath, ['--import', TSX, RESPONDER, lan.cameraAddress, xaddr, ...scopes]);
      cameras.push({ child, lines: linesOf(child) });
    }
    await Promise.all(
      cameras.map(async ({ child, lines }) => {
        const stderr = stderrOf(child);
        const deadline = Date.now() + 30_000;
        while (!lines.includes('READY')) {
          if (child.exitCode !== null || Date.now() > deadline) throw new Error(`a camera did not start: ${stderr()}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );

    // Act: the agent's scout, once, in the agent's namespace.
    const scout = net.spawnIn(net.agentNamespace, process.execPath, ['--import', TSX, SCOUT]);
    const scoutLines = linesOf(scout);
    const scoutErrors = stderrOf(scout);
    const [code] = (await once(scout, 'exit')) as [number | null];
    expect(code, scoutErrors()).toBe(0);
    const result = JSON.parse(scoutLines[0] ?? '{}') as { interfaces: string[]; answered: DiscoveredOnvifDevice[]; discovered: DiscoveredCamera[] };

    // Assess: both cards were probed, and each camera heard only the probe of the card on its LAN.
    expect(result.interfaces.sort()).toEqual([first.agentAddress, second.agentAddress]);
    const heardFrom = cameras.map(({ lines }) => new Set(lines.filter((line) => line.startsWith('PROBE ')).map((line) => line.slice('PROBE '.length).split(':')[0])));
    expect(heardFrom).toEqual([new Set([first.agentAddress]), new Set([second.agentAddress])]);
    // Each camera found once, through its own card, at the address it answered from.
    expect([...result.answered].sort((a, b) => a.via.localeCompare(b.via))).toEqual([
      expect.objectContaining({ via: first.agentAddress, host: first.cameraAddress, port: 80, deviceUrl: `http://${first.cameraAddress}/onvif/device_service`, xaddrs: [answers[0]?.xaddr], name: 'Cam Bàn 1', hardware: 'DS-2CD1023G0E-I' }),
      expect.objectContaining({ via: second.agentAddress, host: second.cameraAddress, port: 8080, deviceUrl: `http://${second.cameraAddress}:8080/onvif/device_service`, name: 'Cam Kho', hardware: 'IPC-HFW1230S' }),
    ]);
    expect(result.answered.every((device) => device.endpoint.startsWith('urn:uuid:'))).toBe(true);
    // What the heartbeat carries to the web app's "add from discovery".
    expect(result.discovered.map((camera) => [camera.host, camera.port, camera.name]).sort()).toEqual([
      [first.cameraAddress, 80, 'Cam Bàn 1'],
      [second.cameraAddress, 8080, 'Cam Kho'],
    ]);
  });
});
