import { afterEach, describe, expect, it } from 'vitest';
import { discoverOnvifDevices, parseProbeMatch } from '../../../adapters/onvif/discoverOnvifDevices';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import { startDiscoveryResponder, startFakeOnvifDevice, type DiscoveryResponder, type FakeOnvifDevice } from '../../fakes/onvif';

let responder: DiscoveryResponder | null = null;
let device: FakeOnvifDevice | null = null;
afterEach(async () => {
  await responder?.stop();
  await device?.stop();
  responder = null;
  device = null;
});

describe('WS-Discovery against the loopback responder', () => {
  it('probes from every interface given, finds the camera once, and uses the address it answered from', async () => {
    device = await startFakeOnvifDevice({ password: 'pw-1', advertisedHost: '192.168.1.64' });
    responder = await startDiscoveryResponder([{ xaddrs: [`http://192.168.1.64:${device.port}/onvif/device_service`, `http://[fe80::1]:${device.port}/onvif/device_service`] }], { answerGarbageToo: true });
    const found = await discoverOnvifDevices({ interfaces: ['127.0.0.1', '127.0.0.2'], target: { address: responder.address, port: responder.port }, timeoutMs: 600 });

    expect(new Set(responder.probesFrom.map((from) => from.split(':')[0]))).toEqual(new Set(['127.0.0.1', '127.0.0.2']));
    expect(found).toHaveLength(1);
    const [camera] = found;
    expect(camera).toMatchObject({ host: '127.0.0.1', port: device.port, deviceUrl: `http://127.0.0.1:${device.port}/onvif/device_service`, name: 'HIKVISION', hardware: 'DS-2CD1023G0E-I' });
    expect(camera?.endpoint).toMatch(/^urn:uuid:/);

    // What discovery found is enough to connect.
    const connected = await OnvifCamera.connect({ host: camera?.host ?? '', port: camera?.port ?? 0, username: 'admin', password: 'pw-1', timeoutMs: 3000 });
    expect(connected.profiles.length).toBeGreaterThan(0);
  });

  it('two cameras answer; nobody answering gives an empty list, not an error', async () => {
    responder = await startDiscoveryResponder([{ xaddrs: ['http://10.0.0.5/onvif/device_service'] }, { xaddrs: ['http://10.0.0.6:8080/onvif/device_service'] }]);
    const two = await discoverOnvifDevices({ interfaces: ['127.0.0.1'], target: { address: responder.address, port: responder.port }, timeoutMs: 500 });
    expect(two.map((d) => d.port).sort()).toEqual([80, 8080]);
    await responder.stop();
    responder = null;
    expect(await discoverOnvifDevices({ interfaces: ['127.0.0.1'], target: { address: '127.0.0.1', port: 9 }, timeoutMs: 300 })).toEqual([]);
  });

  it('a datagram that is not a ProbeMatch is ignored', () => {
    expect(parseProbeMatch('<Envelope><Body><Hello/></Body></Envelope>', '10.0.0.1', '10.0.0.2')).toBeNull();
    expect(parseProbeMatch('<ProbeMatch><Address>urn:uuid:1</Address><XAddrs>not-a-url</XAddrs></ProbeMatch>', '10.0.0.1', '10.0.0.2')).toBeNull();
  });
});
