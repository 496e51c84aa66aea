import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startRtspServer, type FakeRtspServer } from '../../fakes/rtsp/startRtspServer';

const run = promisify(execFile);
let server: FakeRtspServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** Frames ffmpeg reads over RTSP/TCP in `seconds`. */
async function framesRead(url: string, seconds: number): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-read_intervals', `%+${seconds}`, '-select_streams', 'v', '-count_packets', '-show_entries', 'stream=nb_read_packets,codec_name,width', '-of', 'csv=p=0', url], { timeout: 30_000 });
  const [codec, width, packets] = stdout.trim().split(',');
  expect([codec, width]).toEqual(['h264', '1280']);
  return Number(packets);
}

describe('the RTSP server fake (GStreamer)', () => {
  it('streams the packing video at real pace over TCP on both mounts, and comes back on its port after a kill', async () => {
    server = await startRtspServer();
    const frames = await framesRead(server.url, 3);
    // 15 fps at real pace: about 45 frames in 3 s, not the whole file at once.
    expect(frames).toBeGreaterThan(20);
    expect(frames).toBeLessThan(120);
    expect(await framesRead(server.url.replace('/stream1', '/stream2'), 1)).toBeGreaterThan(5);

    await server.kill();
    await expect(framesRead(server.url, 1)).rejects.toThrow();
    await server.restart();
    expect(await framesRead(server.url, 1)).toBeGreaterThan(5);
  });
});
