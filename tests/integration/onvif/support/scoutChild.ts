// The agent's camera scout as `vtrack-agent run` builds it (CameraScout over
// discoverOnvifDevices with its defaults: every IPv4 interface, the
// WS-Discovery multicast group), run once inside the network namespace the
// test made, printing one JSON line: what discovery answered (with the
// interface each answer came in on) and what the heartbeat would carry.
import { Writable } from 'node:stream';
import { makeLogger } from '../../../../adapters/logging/logger';
import { discoverOnvifDevices, probeInterfaces, type DiscoveredOnvifDevice } from '../../../../adapters/onvif/discoverOnvifDevices';
import { CameraScout } from '../../../../edge-agent/cameras/cameraScout';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
let answered: DiscoveredOnvifDevice[] = [];
const scout = new CameraScout({
  discover: async (options) => {
    answered = await discoverOnvifDevices(options);
    return answered;
  },
  logger,
});
await scout.scanNow();
process.stdout.write(`${JSON.stringify({ interfaces: probeInterfaces(), answered, discovered: scout.discovered })}\n`);
