import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { RTSP_FIXTURE_VIDEO } from '../../../fakes/rtsp/startRtspServer';
import type { TruthOrder } from '../../processing/helpers/truth';

const run = promisify(execFile);
/** The fixture's frame rate; its keyframes are every 2 s. */
const FPS = 15;

/** Seconds of the fixture (from its start), on its keyframes, that a short camera stream shows. */
export interface FixturePiece {
  readonly from: number;
  readonly seconds: number;
}

/** A ground-truth order with its seconds from the fixture's start (the truth file has them). */
export type TimedOrder = TruthOrder & { readonly start: number; readonly end: number };

/**
 * The fixture's pieces back to back in one MP4, stream copy (no re-encode):
 * a camera stream showing only the seconds a test needs, so it is recorded in
 * the least real time.
 */
export async function spliceFixture(pieces: readonly FixturePiece[], dir: string): Promise<string> {
  const parts = pieces.map((_piece, i) => path.join(dir, `piece-${i}.mp4`));
  // Counted in frames: a cut by time in stream copy keeps the next keyframe too (a repeated timestamp).
  await run('ffmpeg', ['-v', 'error', '-y', ...pieces.flatMap((piece) => ['-ss', String(piece.from), '-i', RTSP_FIXTURE_VIDEO]), ...pieces.flatMap((piece, i) => ['-map', `${i}:v`, '-frames:v', String(piece.seconds * FPS), '-c', 'copy', parts[i] ?? ''])]);
  const list = path.join(dir, 'pieces.txt');
  await writeFile(list, parts.map((part) => `file '${part}'\n`).join(''));
  const spliced = path.join(dir, 'spliced.mp4');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', spliced]);
  return spliced;
}

/** When the spliced stream shows an order (seconds from its start), or null when no piece holds all of it. */
export function shownAtInSplice(order: TimedOrder, pieces: readonly FixturePiece[]): number | null {
  let before = 0;
  for (const piece of pieces) {
    if (order.start >= piece.from && order.end <= piece.from + piece.seconds) return before + order.start - piece.from;
    before += piece.seconds;
  }
  return null;
}
