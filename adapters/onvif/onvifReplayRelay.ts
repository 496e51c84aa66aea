import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { rtspHeader, RtspMessageSplitter } from './rtspMessageSplitter';

export interface ReplayRange {
  readonly from: Date;
  readonly to: Date;
}

export interface ReplayRelay {
  /** rtsp://127.0.0.1:<port><path of the replay URI>: give this to ffmpeg (with the device's credentials). */
  readonly url: string;
  /** The Range the device answered PLAY with (`clock=…`), once it has: where the footage really starts. */
  readonly playedRange: () => string | null;
  close(): Promise<void>;
}

/** ONVIF clock time: 20250718T093000.000Z. */
export function onvifClock(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

/** The start of a `clock=A-B` Range header value, or null. */
export function clockRangeStart(range: string | null): Date | null {
  const match = /clock=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?Z/.exec(range ?? '');
  if (match === null) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0) + Math.round(Number(match[7] ?? '0') * 1000));
}

const REPLAY_METHODS = new Set(['DESCRIBE', 'SETUP', 'PLAY', 'PAUSE']);

/**
 * ONVIF replay (Streaming spec §6) needs `Require: onvif-replay` on the
 * requests and `Range: clock=…` on PLAY, which ffmpeg's RTSP input cannot
 * send. This relay on a loopback port passes ffmpeg's RTSP connection through
 * to the device unchanged (so ffmpeg's own digest auth and TCP-interleaved
 * RTP work as usual) and adds those headers: Require on DESCRIBE/SETUP/PLAY,
 * the clock range and `Rate-Control: no` (send as fast as the network allows)
 * on PLAY in place of ffmpeg's `npt` range.
 */
export async function startReplayRelay(replayUri: string, range: ReplayRange, options: { rateControl?: boolean } = {}): Promise<ReplayRelay> {
  const target = new URL(replayUri);
  const port = Number(target.port || 554);
  const sockets = new Set<Socket>();
  let played: string | null = null;

  const server = createServer((client) => {
    const device = connect(port, target.hostname);
    sockets.add(client).add(device);
    const toDevice = new RtspMessageSplitter();
    const fromDevice = new RtspMessageSplitter();
    let playCseq: string | null = null;
    client.on('data', (chunk: Buffer) => {
      for (const piece of toDevice.push(chunk)) {
        if (piece.kind === 'frame') {
          device.write(piece.bytes);
          continue;
        }
        const method = piece.head.split(' ', 1)[0] ?? '';
        if (method === 'PLAY') playCseq = rtspHeader(piece.head, 'CSeq');
        device.write(Buffer.concat([Buffer.from(`${rewriteRequest(piece.head, method, range, options.rateControl ?? false)}\r\n\r\n`, 'utf8'), piece.body]));
      }
    });
    device.on('data', (chunk: Buffer) => {
      for (const piece of fromDevice.push(chunk)) {
        if (piece.kind === 'message' && playCseq !== null && rtspHeader(piece.head, 'CSeq') === playCseq) played = rtspHeader(piece.head, 'Range');
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      device.destroy();
    };
    client.on('close', end).on('error', end);
    device.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayPort = (server.address() as AddressInfo).port;
  return {
    url: `rtsp://127.0.0.1:${relayPort}${target.pathname}${target.search}`,
    playedRange: () => played,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function rewriteRequest(head: string, method: string, range: ReplayRange, rateControl: boolean): string {
  if (!REPLAY_METHODS.has(method)) return head;
  const drop = method === 'PLAY' ? /^(require|range|rate-control|immediate):/i : /^require:/i;
  const lines = head.split('\r\n').filter((line, i) => i === 0 || !drop.test(line));
  lines.push('Require: onvif-replay');
  if (method === 'PLAY') lines.push(`Range: clock=${onvifClock(range.from)}-${onvifClock(range.to)}`, `Rate-Control: ${rateControl ? 'yes' : 'no'}`);
  return lines.join('\r\n');
}
