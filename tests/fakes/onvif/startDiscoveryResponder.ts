// A WS-Discovery target service on loopback UDP: answers a Probe for
// NetworkVideoTransmitter with a ProbeMatch naming the device's XAddrs, the
// way cameras answer multicast probes on port 3702 (here a unicast port,
// since loopback carries no multicast).
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

export async function startDiscoveryResponder(devices: readonly DiscoverableDevice[], options: { address?: string; answerGarbageToo?: boolean } = {}): Promise<DiscoveryResponder> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const probesFrom: string[] = [];
  const endpoints = devices.map((device) => device.endpoint ?? `urn:uuid:${randomUUID()}`);
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    const xml = message.toString('utf8');
    if (!/<(?:[\w-]+:)?Probe\b/.test(xml)) return;
    probesFrom.push(`${remote.address}:${remote.port}`);
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
  const address = options.address ?? '127.0.0.1';
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  return {
    address,
    port: socket.address().port,
    probesFrom,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
