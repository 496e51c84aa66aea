// An NVR's ONVIF replay server: RTSP on a loopback port that insists on
// `Require: onvif-replay`, asks for HTTP-style digest auth as NVRs do, and
// serves PLAY `Range: clock=…` from a recording that started at
// `recordingStart`. The footage itself comes from GStreamer's RTSP server
// (startRtspServer) behind it: clock ranges are turned into npt offsets into
// the file on the way in, and the answer's npt range back into clock time.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { rtspHeader, RtspMessageSplitter } from '../../../adapters/onvif/rtspMessageSplitter';
import { HttpDigestServer } from '../onvif/httpDigestServer';
import { startRtspServer, type FakeRtspServer } from './startRtspServer';

export interface LoggedReplayRequest {
  readonly method: string;
  readonly require: string | null;
  readonly range: string | null;
  readonly rateControl: string | null;
  readonly status: number | 'forwarded';
}

export interface FakeReplayServer {
  /** rtsp://127.0.0.1:port/<recording token> */
  readonly url: string;
  readonly requests: readonly LoggedReplayRequest[];
  readonly backend: FakeRtspServer;
  stop(): Promise<void>;
}

export interface ReplayServerOptions {
  /** The recording's footage (H.264 MP4). */
  readonly file: string;
  /** Wall-clock time of the file's first frame. */
  readonly recordingStart: Date;
  /** Length of the recording in seconds (ranges past it are refused with 457). */
  readonly recordingSeconds: number;
  readonly recordingToken: string;
  readonly username?: string;
  readonly password?: string;
}

const clockMs = (value: string): number | null => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(value);
  if (m === null) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + Math.round(Number(m[7] ?? '0') * 1000);
};
const toClock = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '');

export async function startReplayServer(options: ReplayServerOptions): Promise<FakeReplayServer> {
  const path = `/${options.recordingToken}`;
  const backend = await startRtspServer({ file: options.file, path });
  const digest = new HttpDigestServer('NVR', () => ({ username: options.username ?? 'admin', password: options.password ?? 'admin12345' }));
  const requests: LoggedReplayRequest[] = [];
  const sockets = new Set<Socket>();
  const startMs = options.recordingStart.getTime();
  const endMs = startMs + options.recordingSeconds * 1000;

  const server = createServer((client) => {
    const upstream = connect(backend.port, '127.0.0.1');
    sockets.add(client).add(upstream);
    const fromClient = new RtspMessageSplitter();
    const fromBackend = new RtspMessageSplitter();
    const answer = (cseq: string, status: number, text: string, extra: string[] = []) => client.write([`RTSP/1.0 ${status} ${text}`, `CSeq: ${cseq}`, ...extra, '', ''].join('\r\n'));
    client.on('data', (chunk: Buffer) => {
      for (const piece of fromClient.push(chunk)) {
        if (piece.kind === 'frame') {
          upstream.write(piece.bytes);
          continue;
        }
        const method = piece.head.split(' ', 1)[0] ?? '';
        const cseq = rtspHeader(piece.head, 'CSeq') ?? '0';
        const logged = { method, require: rtspHeader(piece.head, 'Require'), range: rtspHeader(piece.head, 'Range'), rateControl: rtspHeader(piece.head, 'Rate-Control') };
        const refuse = (status: number, text: string, extra: string[] = []) => {
          requests.push({ ...logged, status });
          answer(cseq, status, text, extra);
        };
        if (method !== 'OPTIONS' && digest.verify({ method, headers: { authorization: rtspHeader(piece.head, 'Authorization') ?? undefined } }) !== 'ok') {
          refuse(401, 'Unauthorized', [`WWW-Authenticate: ${digest.challenge()}`]);
          continue;
        }
        let head = piece.head;
        if (['DESCRIBE', 'SETUP', 'PLAY'].includes(method)) {
          if (logged.require !== 'onvif-replay') {
            refuse(400, 'Bad Request');
            continue;
          }
          // GStreamer's server does not know the ONVIF option; this front handles it.
          head = head.split('\r\n').filter((line) => !/^require:/i.test(line)).join('\r\n');
        }
        if (method === 'PLAY') {
          const range = /^clock=([^-]+)-(.*)$/.exec(logged.range ?? '');
          const from = range === null ? null : clockMs(range[1] ?? '');
          const to = range === null || range[2] === '' ? endMs : clockMs(range[2] ?? '');
          if (from === null || to === null || from >= endMs || to <= startMs || to <= from) {
            refuse(457, 'Invalid Range');
            continue;
          }
          const npt = `npt=${(Math.max(0, from - startMs) / 1000).toFixed(3)}-${(Math.min(endMs, to) - startMs) / 1000}`;
          head = head.split('\r\n').filter((line) => !/^(range|rate-control):/i.test(line)).concat(`Range: ${npt}`).join('\r\n');
        }
        requests.push({ ...logged, status: 'forwarded' });
        upstream.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'utf8'), piece.body]));
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      for (const piece of fromBackend.push(chunk)) {
        if (piece.kind === 'frame') {
          client.write(piece.bytes);
          continue;
        }
        const head = piece.head.replace(/^Range:\s*npt=([\d.]+)-([\d.]*)\s*$/im, (_all, a: string, b: string) => `Range: clock=${toClock(startMs + Number(a) * 1000)}-${b === '' ? '' : toClock(startMs + Number(b) * 1000)}`);
        client.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'utf8'), piece.body]));
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `rtsp://127.0.0.1:${port}${path}`,
    requests,
    backend,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.stop();
    },
  };
}
