// Bodies of the device and media answers the `onvif` package reads, in the
// shapes real Profile S cameras send (prefixes tds/trt/tt, attributes for tokens).
import { escapeXml } from './soapEnvelope';

export interface FakeProfile {
  readonly token: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Path on the RTSP server this profile streams from (/stream1). */
  readonly rtspPath: string;
  /** Its video source (an NVR has one per channel). Default VideoSource_1: a camera's profiles share its one sensor. */
  readonly videoSource?: string;
}

export interface DeviceIdentity {
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly serialNumber: string;
  readonly hardwareId: string;
}

export function systemDateAndTime(deviceNow: Date): string {
  const t = deviceNow;
  return (
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>' +
    '<tt:DateTimeType>Manual</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>' +
    '<tt:TimeZone><tt:TZ>CST-7</tt:TZ></tt:TimeZone>' +
    `<tt:UTCDateTime><tt:Time><tt:Hour>${t.getUTCHours()}</tt:Hour><tt:Minute>${t.getUTCMinutes()}</tt:Minute><tt:Second>${t.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${t.getUTCFullYear()}</tt:Year><tt:Month>${t.getUTCMonth() + 1}</tt:Month><tt:Day>${t.getUTCDate()}</tt:Day></tt:Date></tt:UTCDateTime>` +
    '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'
  );
}

export function services(base: string, extra: readonly { namespace: string; path: string }[] = []): string {
  const service = (namespace: string, path: string, major: number, minor: number) =>
    `<tds:Service><tds:Namespace>${namespace}</tds:Namespace><tds:XAddr>${base}${path}</tds:XAddr>` +
    `<tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
  return (
    '<tds:GetServicesResponse>' +
    service('http://www.onvif.org/ver10/device/wsdl', '/onvif/device_service', 2, 60) +
    service('http://www.onvif.org/ver10/media/wsdl', '/onvif/media_service', 2, 60) +
    extra.map((e) => service(e.namespace, e.path, 2, 60)).join('') +
    '</tds:GetServicesResponse>'
  );
}

export function capabilities(base: string): string {
  return (
    '<tds:GetCapabilitiesResponse><tds:Capabilities>' +
    `<tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr></tt:Device>` +
    `<tt:Media><tt:XAddr>${base}/onvif/media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
    '</tds:Capabilities></tds:GetCapabilitiesResponse>'
  );
}

export function deviceInformation(identity: DeviceIdentity): string {
  return (
    '<tds:GetDeviceInformationResponse>' +
    `<tds:Manufacturer>${escapeXml(identity.manufacturer)}</tds:Manufacturer><tds:Model>${escapeXml(identity.model)}</tds:Model>` +
    `<tds:FirmwareVersion>${escapeXml(identity.firmwareVersion)}</tds:FirmwareVersion><tds:SerialNumber>${escapeXml(identity.serialNumber)}</tds:SerialNumber>` +
    `<tds:HardwareId>${escapeXml(identity.hardwareId)}</tds:HardwareId>` +
    '</tds:GetDeviceInformationResponse>'
  );
}

export function videoSources(profiles: readonly FakeProfile[]): string {
  if (profiles.length === 0) return '<trt:GetVideoSourcesResponse/>';
  // One per source, described by the first profile of it (a camera: one; an NVR: one per channel).
  const firsts = new Map<string, FakeProfile>();
  for (const p of profiles) if (!firsts.has(p.videoSource ?? 'VideoSource_1')) firsts.set(p.videoSource ?? 'VideoSource_1', p);
  const one = ([token, p]: readonly [string, FakeProfile]) =>
    `<trt:VideoSources token="${escapeXml(token)}"><tt:Framerate>${p.fps}</tt:Framerate><tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution></trt:VideoSources>`;
  return `<trt:GetVideoSourcesResponse>${[...firsts.entries()].map(one).join('')}</trt:GetVideoSourcesResponse>`;
}

export function profilesResponse(profiles: readonly FakeProfile[]): string {
  const one = (p: FakeProfile, i: number) =>
    `<trt:Profiles token="${p.token}" fixed="true"><tt:Name>${escapeXml(p.name)}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="VideoSourceConfig_1"><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>${profiles.length}</tt:UseCount>` +
    `<tt:SourceToken>${escapeXml(p.videoSource ?? 'VideoSource_1')}</tt:SourceToken><tt:Bounds x="0" y="0" width="${p.width}" height="${p.height}"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="VideoEncoderConfig_${i + 1}"><tt:Name>VideoEncoder_${i + 1}</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality>` +
    `<tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>2048</tt:BitrateLimit></tt:RateControl>` +
    '<tt:H264><tt:GovLength>30</tt:GovLength><tt:H264Profile>High</tt:H264Profile></tt:H264>' +
    '</tt:VideoEncoderConfiguration></trt:Profiles>';
  return `<trt:GetProfilesResponse>${profiles.map(one).join('')}</trt:GetProfilesResponse>`;
}

export function mediaUri(element: 'GetStreamUriResponse' | 'GetSnapshotUriResponse', uri: string): string {
  return (
    `<trt:${element}><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri>` +
    '<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout>' +
    `</trt:MediaUri></trt:${element}>`
  );
}
