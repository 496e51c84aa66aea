import type { OnvifCamera } from './onvifCamera';
import { RecordingPullError } from './recordingPullError';
import { rewriteHost } from './rewriteHost';

/** One recording of a Profile G device (an NVR channel, or a camera's SD card). */
export interface OnvifRecording {
  readonly token: string;
  /** What the device says was recorded: a channel or video source token, or the camera's address. */
  readonly sourceId: string;
  readonly sourceName: string;
  readonly earliest: string | null;
  readonly latest: string | null;
}

const SEARCH = 'xmlns="http://www.onvif.org/ver10/search/wsdl"';
const SCHEMA = 'xmlns="http://www.onvif.org/ver10/schema"';
/** Search sessions are paged; a device that keeps saying "Searching" is given this many pages. */
const MAX_PAGES = 50;

const block = (xml: string, localName: string): string[] =>
  [...xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${localName}>`, 'g'))].map((m) => m[1] ?? '');
const text = (xml: string, localName: string): string | null => {
  const found = new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*>([^<]*)</(?:[\\w-]+:)?${localName}>`).exec(xml)?.[1]?.trim();
  return found === undefined ? null : found.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
};
const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

function toRecording(info: string): OnvifRecording | null {
  const token = text(info, 'RecordingToken');
  if (token === null) return null;
  const source = block(info, 'Source')[0] ?? '';
  return { token, sourceId: text(source, 'SourceId') ?? '', sourceName: text(source, 'Name') ?? '', earliest: text(info, 'EarliestRecording'), latest: text(info, 'LatestRecording') };
}

function requireProfileG(camera: OnvifCamera, service: 'search' | 'replay'): void {
  if (!camera.hasService(service)) throw new RecordingPullError('not_supported', camera.address, `the device lists no ONVIF ${service} service (Profile G)`);
}

/** GetRecordingSummary: the span of everything the device holds, and how many recordings. */
export async function recordingSummary(camera: OnvifCamera): Promise<{ from: string | null; until: string | null; count: number }> {
  requireProfileG(camera, 'search');
  const xml = await camera.callService('search', `<GetRecordingSummary ${SEARCH}/>`);
  return { from: text(xml, 'DataFrom'), until: text(xml, 'DataUntil'), count: Number(text(xml, 'NumberRecordings') ?? '0') };
}

/**
 * FindRecordings, then GetRecordingSearchResults until the search is
 * Completed, then EndSearch. `sources` narrows to recordings of those source
 * tokens (IncludedSources); empty for all.
 */
export async function findRecordings(camera: OnvifCamera, sources: readonly string[] = []): Promise<OnvifRecording[]> {
  requireProfileG(camera, 'search');
  const scope = sources.map((s) => `<IncludedSources ${SCHEMA}><Token>${escapeXml(s)}</Token></IncludedSources>`).join('');
  const started = await camera.callService('search', `<FindRecordings ${SEARCH}><Scope>${scope}</Scope><MaxMatches>100</MaxMatches><KeepAliveTime>PT30S</KeepAliveTime></FindRecordings>`);
  const token = text(started, 'SearchToken');
  if (token === null) throw new RecordingPullError('device_error', camera.address, 'FindRecordings answered no SearchToken');
  const found: OnvifRecording[] = [];
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const xml = await camera.callService('search', `<GetRecordingSearchResults ${SEARCH}><SearchToken>${escapeXml(token)}</SearchToken><MinResults>1</MinResults><MaxResults>20</MaxResults><WaitTime>PT5S</WaitTime></GetRecordingSearchResults>`);
      found.push(...block(xml, 'RecordingInformation').flatMap((info) => toRecording(info) ?? []));
      if (text(xml, 'SearchState') === 'Completed') break;
    }
  } finally {
    await camera.callService('search', `<EndSearch ${SEARCH}><SearchToken>${escapeXml(token)}</SearchToken></EndSearch>`).catch(() => undefined);
  }
  return found;
}

/** GetRecordingInformation for one recording (its current earliest and latest footage). */
export async function recordingInformation(camera: OnvifCamera, recordingToken: string): Promise<OnvifRecording> {
  requireProfileG(camera, 'search');
  const xml = await camera.callService('search', `<GetRecordingInformation ${SEARCH}><RecordingToken>${escapeXml(recordingToken)}</RecordingToken></GetRecordingInformation>`);
  const recording = toRecording(block(xml, 'RecordingInformation')[0] ?? '');
  if (recording === null) throw new RecordingPullError('device_error', camera.address, `no information for recording ${recordingToken}`);
  return recording;
}

/** GetReplayUri (RTP unicast over RTSP), with the host the agent reached the device at; no credentials in it. */
export async function replayUri(camera: OnvifCamera, recordingToken: string): Promise<string> {
  requireProfileG(camera, 'replay');
  const xml = await camera.callService(
    'replay',
    '<GetReplayUri xmlns="http://www.onvif.org/ver10/replay/wsdl">' +
      `<StreamSetup><Stream ${SCHEMA}>RTP-Unicast</Stream><Transport ${SCHEMA}><Protocol>RTSP</Protocol></Transport></StreamSetup>` +
      `<RecordingToken>${escapeXml(recordingToken)}</RecordingToken></GetReplayUri>`,
  );
  const uri = text(xml, 'Uri');
  if (uri === null || !/^rtsps?:\/\//.test(uri)) throw new RecordingPullError('device_error', camera.address, 'GetReplayUri answered no RTSP URI');
  return rewriteHost(uri, camera.address.replace(/:\d+$/, ''));
}

/** The recording of one camera: the one whose source (or token) names its profile, video source or address, else the only one. */
export function recordingFor(recordings: readonly OnvifRecording[], hints: readonly string[]): OnvifRecording | null {
  const wanted = hints.filter(Boolean).map((h) => h.toLowerCase());
  const matched = recordings.find((r) => wanted.some((h) => r.sourceId.toLowerCase() === h || r.sourceId.toLowerCase().includes(h) || r.sourceName.toLowerCase() === h || r.token.toLowerCase().endsWith(h)));
  return matched ?? (recordings.length === 1 ? (recordings[0] ?? null) : null);
}

/**
 * The recording of one NVR channel: the one whose token or source names the
 * channel's number at its end (`RecordMediaProfile_2`, `VideoSource_2`,
 * `Channel2`), else the channel-th in the order the NVR lists them.
 */
export function recordingForChannel(recordings: readonly OnvifRecording[], channel: number): OnvifRecording | null {
  const endsWith = new RegExp(`(?:^|\\D)0*${channel}$`);
  const named = recordings.filter((r) => endsWith.test(r.token) || endsWith.test(r.sourceId));
  if (named.length === 1) return named[0] ?? null;
  return recordings[channel - 1] ?? null;
}
