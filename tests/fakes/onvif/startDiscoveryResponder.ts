// A WS-Discovery target service: answers a Probe for NetworkVideoTransmitter
// with a ProbeMatch naming the device's XAddrs, the way cameras answer
// multicast probes on port 3702. On loopback it listens on a unicast port
// (loopback carries no multicast); given `multicastOn`, an interface address
// inside a network namespace the test made, it joins the WS-Discovery group
// there and hears only probes sent to the group, as a camera does.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { escapeXml, textOf } from './soapEnvelope';

export interface DiscoverableDevice {
  readonly xaddrs: readonly string[];
  readonly scopes?: readonly string[];
  /** urn:uuid:… ; one is made up when absent. */
  readonly endpoint?: string;
}

export interface DiscoveryResponder {
  readonly address: string;
  readonly port: number;
  /** Where each probe came from (address:port), in order. */
  readonly probesFrom: readonly string[];
  stop(): Promise<void>;
}

export interface DiscoveryResponderOptions {
  /** Unicast address to listen on (a free port); default 127.0.0.1. */
  readonly address?: string;
  /** Listen on 239.255.255.250:3702 and join the group on the interface with this IPv4 address. */
  readonly multicastOn?: string;
  readonly answerGarbageToo?: boolean;
  /** Told where each probe came from (address:port) as it arrives. */
  readonly onProbe?: (from: string) => void;
}

const WS_DISCOVERY = { group: '239.255.255.250', port: 3702 } as const;

export async function startDiscoveryResponder(devices: readonly DiscoverableDevice[], options: DiscoveryResponderOptions = {}): Promise<DiscoveryResponder> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const probesFrom: string[] = [];
  const endpoints = devices.map((device) => device.endpoint ?? `urn:uuid:${randomUUID()}`);
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    const xml = message.toString('utf8');
    if (!/<(?:[\w-]+:)?Probe\b/.test(xml)) return;
    probesFrom.push(`${remote.address}:${remote.port}`);
    options.onProbe?.(`${remote.address}:${remote.port}`);
    const relatesTo = textOf(xml, 'MessageID') ?? '';
    if (options.answerGarbageToo === true) socket.send(Buffer.from('HTTP/1.1 200 OK\r\n\r\nnot soap'), remote.port, remote.address);
    devices.forEach((device, i) => {
      const reply =
        '<?xml version="1.0" encoding="UTF-8"?>' +
        '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
        '<SOAP-ENV:Header>' +
        `<wsa:MessageID>urn:uuid:${randomUUID()}</wsa:MessageID><wsa:RelatesTo>${escapeXml(relatesTo)}</wsa:RelatesTo>` +
        '<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>' +
        '<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>' +
        '</SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>' +
        `<wsa:EndpointReference><wsa:Address>${endpoints[i]}</wsa:Address></wsa:EndpointReference>` +
        '<d:Types>dn:NetworkVideoTransmitter</d:Types>' +
        `<d:Scopes>${escapeXml((device.scopes ?? ['onvif://www.onvif.org/type/video_encoder', 'onvif://www.onvif.org/hardware/DS-2CD1023G0E-I', 'onvif://www.onvif.org/name/HIKVISION']).join(' '))}</d:Scopes>` +
        `<d:XAddrs>${escapeXml(device.xaddrs.join(' '))}</d:XAddrs>` +
        '<d:MetadataVersion>10</d:MetadataVersion>' +
        '</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>';
      socket.send(Buffer.from(reply, 'utf8'), remote.port, remote.address);
    });
  });
  const multicastOn = options.multicastOn;
  // Bound to the group address, the socket is handed only datagrams sent to the group.
  const address = multicastOn === undefined ? (options.address ?? '127.0.0.1') : WS_DISCOVERY.group;
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(multicastOn === undefined ? 0 : WS_DISCOVERY.port, address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  if (multicastOn !== undefined) socket.addMembership(WS_DISCOVERY.group, multicastOn);
  return {
    address,
    port: socket.address().port,
    probesFrom,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
