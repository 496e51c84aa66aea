import { randomUUID } from 'node:crypto';
import { RecordingPullError } from '../onvif/recordingPullError';
import { isapiAddress, isapiRequest, readText, type IsapiTarget } from './isapiRequest';

/** One recorded piece a Hikvision camera or NVR holds for a track. */
export interface IsapiMatch {
  readonly trackId: string;
  readonly start: string;
  readonly end: string;
  /** What the download asks for (rtsp://…/Streaming/tracks/101/?starttime=…&endtime=…&name=…&size=…). */
  readonly playbackUri: string;
}

/** Matches asked for per page; devices cap it (often at 40 or 50). */
const PAGE = 40;
const MAX_PAGES = 100;

const all = (xml: string, localName: string) => [...xml.matchAll(new RegExp(`<${localName}\\b[^>]*>([\\s\\S]*?)</${localName}>`, 'g'))].map((m) => m[1] ?? '');
const text = (xml: string, localName: string) => {
  const value = new RegExp(`<${localName}\\b[^>]*>([^<]*)</${localName}>`).exec(xml)?.[1]?.trim();
  return value === undefined ? null : value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
};
/** ISAPI times: 2026-03-02T02:30:00Z. */
const isapiTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** A time the device answered, as UTC: one naming its offset is taken as it says; `…Z` (or none) is shifted back. */
const fromDevice = (value: string, shiftMs: number): string | null => {
  const named = /[+-]\d{2}:?\d{2}$/.test(value);
  const ms = named ? Date.parse(value) : Date.parse(/Z$/i.test(value) ? value : `${value}Z`) - shiftMs;
  return Number.isFinite(ms) ? isapiTime(ms) : null;
};

/**
 * Hikvision content search (`POST /ISAPI/ContentMgmt/search` with a
 * CMSearchDescription): every recorded piece of a track (101 = channel 1 main
 * stream) overlapping [from, to], paged with `searchResultPostion` (the
 * device's own spelling) until it stops answering MORE. `shiftMs`
 * (readIsapiTimeBasis) is added to the times sent and taken off the times
 * answered, for firmwares that read `Z` as their local time; the matches'
 * times are UTC.
 */
export async function searchIsapiRecordings(target: IsapiTarget, query: { trackId: string; from: Date; to: Date; shiftMs?: number }): Promise<IsapiMatch[]> {
  const shiftMs = query.shiftMs ?? 0;
  const searchId = randomUUID().toUpperCase();
  const matches: IsapiMatch[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<CMSearchDescription version="1.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">' +
      `<searchID>${searchId}</searchID><trackList><trackID>${query.trackId}</trackID></trackList>` +
      `<timeSpanList><timeSpan><startTime>${isapiTime(query.from.getTime() + shiftMs)}</startTime><endTime>${isapiTime(query.to.getTime() + shiftMs)}</endTime></timeSpan></timeSpanList>` +
      `<maxResults>${PAGE}</maxResults><searchResultPostion>${matches.length}</searchResultPostion>` +
      '<metadataList><metadataDescriptor>//recordType.meta.std-cgi.com</metadataDescriptor></metadataList>' +
      '</CMSearchDescription>';
    const response = await isapiRequest(target, 'POST', '/ISAPI/ContentMgmt/search', { body });
    const xml = await readText(response);
    if (response.status === 404 || response.status === 501) throw new RecordingPullError('not_supported', isapiAddress(target), `ISAPI content search answered ${response.status}`);
    if (response.status !== 200) throw new RecordingPullError('device_error', isapiAddress(target), `ISAPI content search answered ${response.status}: ${text(xml, 'subStatusCode') ?? text(xml, 'statusString') ?? ''}`);
    const found = all(xml, 'searchMatchItem').flatMap((item) => {
      const playbackUri = text(item, 'playbackURI');
      const start = fromDevice(text(item, 'startTime') ?? '', shiftMs);
      const end = fromDevice(text(item, 'endTime') ?? '', shiftMs);
      return playbackUri === null || start === null || end === null ? [] : [{ trackId: text(item, 'trackID') ?? query.trackId, start, end, playbackUri }];
    });
    matches.push(...found);
    if (text(xml, 'responseStatusStrg') !== 'MORE' || found.length === 0) break;
  }
  return matches;
}
