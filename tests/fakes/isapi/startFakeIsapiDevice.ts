// A Hikvision camera or NVR's ISAPI on a loopback port: HTTP digest (MD5,
// qop=auth) on every call, content search (POST /ISAPI/ContentMgmt/search with
// a CMSearchDescription, answered with a CMSearchResult matchList paged by
// searchResultPostion) and download (GET /ISAPI/ContentMgmt/download?playbackURI=…)
// of a fixture file with Range support, and the device clock
// (GET /ISAPI/System/time). `dropAfterBytes` cuts the first download's
// connection mid-file, as a busy NVR or flaky Wi-Fi does; `zTimesAreLocal` is
// the firmware that reads and writes `…Z` times as its local time.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listenOnLoopback';
import { HttpDigestServer } from '../onvif/httpDigestServer';

export interface FakeIsapiRecording {
  readonly trackId: string;
  readonly start: Date;
  readonly end: Date;
  /** The footage the download serves (MP4 or PS as the device records). */
  readonly file: string;
}

export interface FakeIsapiOptions {
  readonly username?: string;
  readonly password?: string;
  readonly recordings: readonly FakeIsapiRecording[];
  /** Matches per search answer at most (devices cap maxResults). Default 40. */
  readonly pageSize?: number;
  /** The first download's connection is destroyed after this many body bytes. */
  readonly dropAfterBytes?: number;
  /** A device that ignores Range and always sends the whole file (200). */
  readonly ignoreRange?: boolean;
  /** The device's time zone, minutes east of UTC (Vietnam: 420). Default 0. */
  readonly utcOffsetMinutes?: number;
  /**
   * Firmwares seen in the field that take the `Z` of a search's times as the
   * device's local time, and answer local times with a `Z` (in the search
   * results and in /ISAPI/System/time's localTime).
   */
  readonly zTimesAreLocal?: boolean;
}

export interface LoggedIsapiRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly range: string | null;
  /** The track a search asked for, or whose piece a download fetched. */
  readonly trackId: string | null;
}

export interface FakeIsapiDevice {
  readonly host: string;
  readonly port: number;
  readonly requests: readonly LoggedIsapiRequest[];
  stop(): Promise<void>;
}

const isapiTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** `+07:00` for 420 minutes. */
const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
const compact = (date: Date) => isapiTime(date).replace(/[-:]/g, '');
const text = (xml: string, name: string) => new RegExp(`<${name}\\b[^>]*>([^<]*)</${name}>`).exec(xml)?.[1]?.trim() ?? null;
const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

function responseStatus(res: ServerResponse, status: number, statusString: string, subStatusCode: string): void {
  res.writeHead(status, { 'Content-Type': 'application/xml; charset="UTF-8"' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><ResponseStatus version="1.0" xmlns="http://www.hikvision.com/ver20/XMLSchema"><requestURL>/ISAPI/ContentMgmt/search</requestURL><statusCode>4</statusCode><statusString>${statusString}</statusString><subStatusCode>${subStatusCode}</subStatusCode></ResponseStatus>`);
}

export async function startFakeIsapiDevice(options: FakeIsapiOptions): Promise<FakeIsapiDevice> {
  const digest = new HttpDigestServer('IP Camera', () => ({ username: options.username ?? 'admin', password: options.password ?? 'admin12345' }));
  const requests: LoggedIsapiRequest[] = [];
  let dropped = false;
  const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
  /** What the firmware means by a time it is sent, and how it writes one. */
  const readTime = (value: string | null) => Date.parse(value ?? '') - (options.zTimesAreLocal === true && value?.endsWith('Z') === true ? offsetMs : 0);
  const writeTime = (date: Date) => isapiTime(options.zTimesAreLocal === true ? new Date(date.getTime() + offsetMs) : date);
  const playbackUri = (r: FakeIsapiRecording, i: number) =>
    `rtsp://192.168.1.64/Streaming/tracks/${r.trackId}/?starttime=${compact(r.start)}&endtime=${compact(r.end)}&name=ch01_0${String(800000000 + i)}&size=${i}`;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://device');
        let trackId: string | null = null;
        const log = (status: number) => requests.push({ method: req.method ?? '', path: url.pathname, status, range: req.headers.range ?? null, trackId });
        if (digest.verify(req) !== 'ok') {
          log(401);
          res.writeHead(401, { 'WWW-Authenticate': digest.challenge(), 'Content-Type': 'application/xml' });
          res.end('<?xml version="1.0" encoding="UTF-8"?><userCheck><statusValue>401</statusValue><statusString>Unauthorized</statusString></userCheck>');
          return;
        }
        if (req.method === 'GET' && url.pathname === '/ISAPI/System/time') {
          const now = new Date();
          // Hikvision writes the zone POSIX-style: CST-7:00:00 is seven hours east of UTC.
          const minutes = options.utcOffsetMinutes ?? 0;
          const posix = `CST${minutes > 0 ? '-' : '+'}${Math.floor(Math.abs(minutes) / 60)}:${String(Math.abs(minutes) % 60).padStart(2, '0')}:00`;
          const localTime = options.zTimesAreLocal === true ? writeTime(now) : `${new Date(now.getTime() + offsetMs).toISOString().slice(0, 19)}${offsetText(minutes)}`;
          log(200);
          res.writeHead(200, { 'Content-Type': 'application/xml; charset="UTF-8"' });
          res.end(`<?xml version="1.0" encoding="UTF-8"?><Time version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema"><timeMode>NTP</timeMode><localTime>${localTime}</localTime><timeZone>${posix}</timeZone></Time>`);
          return;
        }
        if (req.method === 'POST' && url.pathname === '/ISAPI/ContentMgmt/search') {
          const xml = Buffer.concat(chunks).toString('utf8');
          const from = readTime(text(xml, 'startTime'));
          const to = readTime(text(xml, 'endTime'));
          trackId = text(xml, 'trackID');
          const searchId = text(xml, 'searchID');
          if (!xml.includes('<CMSearchDescription') || !Number.isFinite(from) || !Number.isFinite(to) || trackId === null || searchId === null) {
            log(400);
            responseStatus(res, 400, 'Invalid XML Content', 'badXmlContent');
            return;
          }
          const position = Number(text(xml, 'searchResultPostion') ?? '0');
          const max = Math.min(Number(text(xml, 'maxResults') ?? '40'), options.pageSize ?? 40);
          const all = options.recordings.map((r, i) => ({ r, i })).filter(({ r }) => r.trackId === trackId && r.start.getTime() < to && r.end.getTime() > from);
          const page = all.slice(position, position + max);
          const status = all.length === 0 ? 'NO MATCHES' : position + page.length < all.length ? 'MORE' : 'OK';
          log(200);
          res.writeHead(200, { 'Content-Type': 'application/xml; charset="UTF-8"' });
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?><CMSearchResult version="1.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">' +
              `<searchID>${escapeXml(searchId)}</searchID><responseStatus>true</responseStatus><responseStatusStrg>${status}</responseStatusStrg><numOfMatches>${page.length}</numOfMatches>` +
              '<matchList>' +
              page
                .map(
                  ({ r, i }) =>
                    `<searchMatchItem><sourceID>{0000000000-0000-0000-0000-000000000000}</sourceID><trackID>${r.trackId}</trackID>` +
                    `<timeSpan><startTime>${writeTime(r.start)}</startTime><endTime>${writeTime(r.end)}</endTime></timeSpan>` +
                    `<mediaSegmentDescriptor><contentType>video</contentType><codecType>H.264-BP</codecType><playbackURI>${escapeXml(playbackUri(r, i))}</playbackURI></mediaSegmentDescriptor>` +
                    '<metadataMatches><metadataDescriptor>recordType.meta.hikvision.com/timing</metadataDescriptor></metadataMatches></searchMatchItem>',
                )
                .join('') +
              '</matchList></CMSearchResult>',
          );
          return;
        }
        if (req.method === 'GET' && url.pathname === '/ISAPI/ContentMgmt/download') {
          const asked = url.searchParams.get('playbackURI');
          const index = options.recordings.findIndex((r, i) => playbackUri(r, i) === asked);
          const recording = options.recordings[index];
          trackId = recording?.trackId ?? null;
          if (recording === undefined) {
            log(404);
            responseStatus(res, 404, 'Invalid Operation', 'notFound');
            return;
          }
          const size = (await stat(recording.file)).size;
          const range = options.ignoreRange === true ? null : /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
          const start = range === null ? 0 : Number(range[1]);
          const status = range === null ? 200 : 206;
          log(status);
          res.writeHead(status, { 'Content-Type': 'video/mp4', 'Content-Length': String(size - start), ...(status === 206 ? { 'Content-Range': `bytes ${start}-${size - 1}/${size}` } : {}) });
          const drop = options.dropAfterBytes !== undefined && !dropped;
          dropped ||= drop;
          const stream = createReadStream(recording.file, { start, ...(drop ? { end: start + (options.dropAfterBytes ?? 0) - 1 } : {}) });
          stream.pipe(res, { end: !drop });
          // Mid-file, the connection goes away: the client sees a body shorter than Content-Length.
          if (drop) stream.on('end', () => setTimeout(() => req.socket.destroy(), 20));
          return;
        }
        log(404);
        responseStatus(res, 404, 'Invalid Operation', 'notSupport');
      })();
    });
  });
  const listener = await listenOnLoopback(server);
  return { host: '127.0.0.1', port: listener.port, requests, stop: listener.close };
}
