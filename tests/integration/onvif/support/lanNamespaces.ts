import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One LAN: a veth pair from the agent's namespace to a namespace of its own (the camera's side). */
export interface AgentLan {
  /** The camera side's namespace. */
  readonly namespace: string;
  /** The agent's interface on this LAN and its address. */
  readonly agentInterface: string;
  readonly agentAddress: string;
  /** The camera side's address (its interface is eth0). */
  readonly cameraAddress: string;
}

export interface AgentLans {
  /** The agent's namespace: loopback and one interface per LAN, nothing else. */
  readonly agentNamespace: string;
  readonly lans: readonly AgentLan[];
  /** Runs a command inside a namespace (`ip netns exec`). */
  spawnIn(namespace: string, command: string, args: readonly string[]): ChildProcess;
  /** Deletes the namespaces; their interfaces go with them. */
  remove(): Promise<void>;
}

/**
 * A site PC with `count` network cards, each on its own LAN, made of network
 * namespaces and veth pairs (10.77.<n>.1 for the agent, 10.77.<n>.2 for the
 * other end). Nothing is added to the host's own namespace, so the tests of
 * this machine and its network are untouched. Needs root (CI runs as root)
 * and iproute2.
 */
export async function makeAgentLans(count: number): Promise<AgentLans> {
  if (process.getuid?.() !== 0) {
    throw new Error(`this test makes network namespaces (ip netns) and must run as root, as CI does; it runs as uid ${process.getuid?.() ?? 'unknown'}: run it with sudo`);
  }
  await run('ip', ['-V']).catch((error: unknown) => {
    throw new Error(`this test needs the ip command (Debian package iproute2): ${error instanceof Error ? error.message : String(error)}`);
  });
  // Namespace names are global: unique per run, since test files run in parallel.
  const tag = `vt${randomBytes(3).toString('hex')}`;
  const agentNamespace = `${tag}-agent`;
  const made: string[] = [];
  const remove = async () => {
    for (const namespace of made.splice(0).reverse()) await run('ip', ['netns', 'delete', namespace]).catch(() => undefined);
  };
  try {
    await run('ip', ['netns', 'add', agentNamespace]);
    made.push(agentNamespace);
    await run('ip', ['-n', agentNamespace, 'link', 'set', 'lo', 'up']);
    const lans: AgentLan[] = [];
    for (let n = 1; n <= count; n++) {
      const lan = { namespace: `${tag}-lan${n}`, agentInterface: `lan${n}`, agentAddress: `10.77.${n}.1`, cameraAddress: `10.77.${n}.2` };
      await run('ip', ['netns', 'add', lan.namespace]);
      made.push(lan.namespace);
      await run('ip', ['link', 'add', lan.agentInterface, 'netns', agentNamespace, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', lan.namespace]);
      await run('ip', ['-n', agentNamespace, 'addr', 'add', `${lan.agentAddress}/24`, 'dev', lan.agentInterface]);
      await run('ip', ['-n', lan.namespace, 'addr', 'add', `${lan.cameraAddress}/24`, 'dev', 'eth0']);
      await run('ip', ['-n', agentNamespace, 'link', 'set', lan.agentInterface, 'up']);
      await run('ip', ['-n', lan.namespace, 'link', 'set', 'eth0', 'up']);
      await run('ip', ['-n', lan.namespace, 'link', 'set', 'lo', 'up']);
      lans.push(lan);
    }
    return {
      agentNamespace,
      lans,
      spawnIn: (namespace, command, args) => spawn('ip', ['netns', 'exec', namespace, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }),
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
