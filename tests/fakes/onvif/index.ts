// Public surface of the ONVIF device and WS-Discovery fakes.
export { startFakeOnvifDevice } from './startFakeOnvifDevice';
export type { FakeAuthMode, FakeOnvifDevice, FakeOnvifOptions, LoggedOnvifRequest } from './startFakeOnvifDevice';
export { startDiscoveryResponder } from './startDiscoveryResponder';
export type { DiscoverableDevice, DiscoveryResponder, DiscoveryResponderOptions } from './startDiscoveryResponder';
export type { FakeProfile, DeviceIdentity } from './deviceResponses';
export type { FakeRecording } from './recordingResponses';
