import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import os from 'node:os';

export interface DiscoveredOnvifDevice {
  /** The device's stable WS-Discovery endpoint (urn:uuid:…). */
  readonly endpoint: string;
  /** Host the device answered from; its service address uses it even when the device names another. */
  readonly host: string;
  readonly port: number;
  /** Device service URL with the host that answered. */
  readonly deviceUrl: string;
  /** What the device announced, unchanged (may name a private or wrong host). */
  readonly xaddrs: readonly string[];
  readonly scopes: readonly string[];
  /** From the onvif://www.onvif.org/name/… and /hardware/… scopes, when present. */
  readonly name: string | null;
  readonly hardware: string | null;
  /** The agent's interface address the answer came in on. */
  readonly via: string;
}

export interface DiscoveryOptions {
  /** How long to listen for answers. Default 3 s. */
  readonly timeoutMs?: number;
  /** IPv4 addresses of the interfaces to probe from; default every non-internal IPv4 interface. */
  readonly interfaces?: readonly string[];
  /** Where probes go; default the WS-Discovery multicast group 239.255.255.250:3702. */
  readonly target?: { readonly address: string; readonly port: number };
}

const MULTICAST = { address: '239.255.255.250', port: 3702 } as const;

/** Every IPv4 address of this host's non-internal interfaces (a PC on the shop LAN and a VPN sees both). */
export function probeInterfaces(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}

/**
 * WS-Discovery Probe for NetworkVideoTransmitter from every interface (the
 * `onvif` package's probe binds one socket to the default route's interface,
 * so cameras on a second NIC are never asked). Answers are merged by
 * endpoint; garbage on the port is ignored.
 */
export async function discoverOnvifDevices(options: DiscoveryOptions = {}): Promise<DiscoveredOnvifDevice[]> {
  const interfaces = options.interfaces ?? probeInterfaces();
  const bindTo = interfaces.length > 0 ? interfaces : ['0.0.0.0'];
  const target = options.target ?? MULTICAST;
  const found = new Map<string, DiscoveredOnvifDevice>();
  const sockets: Socket[] = [];
  await Promise.all(
    bindTo.map(async (address) => {
      const socket = createSocket({ type: 'udp4', reuseAddr: true });
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.on('message', (message, remote) => {
        const device = parseProbeMatch(message.toString('utf8'), remote.address, address);
        if (device !== null && !found.has(device.endpoint)) found.set(device.endpoint, device);
      });
      const bound = await new Promise<boolean>((resolve) => {
        socket.once('error', () => resolve(false));
        socket.bind(0, address, () => resolve(true));
      });
      if (!bound) return;
      if (target.address === MULTICAST.address) {
        try {
          socket.setMulticastInterface(address);
          socket.setMulticastTTL(4);
        } catch {
          // An interface without multicast still gets its unicast answers.
        }
      }
      const probe = Buffer.from(probeMessage(), 'utf8');
      // UDP may drop one; cameras answer each probe, duplicates merge by endpoint.
      for (let i = 0; i < 2; i++) socket.send(probe, target.port, target.address);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, options.timeoutMs ?? 3_000));
  for (const socket of sockets) socket.close();
  return [...found.values()];
}

function probeMessage(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    '<s:Header>' +
    `<a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID>` +
    '<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>' +
    '</s:Header><s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>'
  );
}

const text = (xml: string, localName: string): string | null =>
  new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*>([^<]*)</(?:[\\w-]+:)?${localName}>`).exec(xml)?.[1]?.trim() ?? null;

/** One ProbeMatch, or null when the datagram is not one. */
export function parseProbeMatch(xml: string, from: string, via: string): DiscoveredOnvifDevice | null {
  if (!/<(?:[\w-]+:)?ProbeMatch\b/.test(xml)) return null;
  const match = /<(?:[\w-]+:)?ProbeMatch\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?ProbeMatch>/.exec(xml)?.[1] ?? '';
  const endpoint = text(match, 'Address');
  const xaddrs = (text(match, 'XAddrs') ?? '').split(/\s+/).filter((x) => /^https?:\/\//.test(x));
  if (endpoint === null || xaddrs.length === 0) return null;
  const urls = xaddrs.flatMap((x) => {
    try {
      return [new URL(x)];
    } catch {
      return [];
    }
  });
  const chosen = urls.find((u) => u.hostname === from) ?? urls.find((u) => u.protocol === 'http:') ?? urls[0];
  if (chosen === undefined) return null;
  const deviceUrl = new URL(chosen.toString());
  deviceUrl.hostname = from;
  const scopes = (text(match, 'Scopes') ?? '').split(/\s+/).filter(Boolean);
  const scope = (kind: string) => {
    const found = scopes.find((s) => s.startsWith(`onvif://www.onvif.org/${kind}/`));
    return found === undefined ? null : decodeURIComponent(found.slice(`onvif://www.onvif.org/${kind}/`.length));
  };
  return {
    endpoint,
    host: from,
    port: Number(deviceUrl.port || (deviceUrl.protocol === 'https:' ? 443 : 80)),
    deviceUrl: deviceUrl.toString(),
    xaddrs,
    scopes,
    name: scope('name'),
    hardware: scope('hardware'),
    via,
  };
}
