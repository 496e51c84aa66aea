// The WS-Discovery responder as a process of its own, for a test that runs it
// inside a network namespace (`ip netns exec <ns> node --import tsx …`): a
// camera on that namespace's LAN. Prints `READY` once it listens, then
// `PROBE <address:port>` for each probe it hears; SIGTERM ends it.
//
//   discoveryResponderChild.ts <interface IPv4> <XAddr> [scope …]
import { startDiscoveryResponder } from './startDiscoveryResponder';

const [multicastOn, xaddr, ...scopes] = process.argv.slice(2);
if (multicastOn === undefined || xaddr === undefined) throw new Error('usage: discoveryResponderChild.ts <interface IPv4> <XAddr> [scope …]');
const responder = await startDiscoveryResponder([{ xaddrs: [xaddr], ...(scopes.length === 0 ? {} : { scopes }) }], { multicastOn, onProbe: (from) => process.stdout.write(`PROBE ${from}\n`) });
process.stdout.write('READY\n');
process.once('SIGTERM', () => void responder.stop().then(() => process.exit(0)));
