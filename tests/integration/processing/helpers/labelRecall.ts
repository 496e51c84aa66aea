import { FfmpegFrameSource } from '../../../../adapters/ffmpeg/ffmpegFrameSource';
import type { FfmpegTools } from '../../../../adapters/ffmpeg/ffmpegTools';
import { ZxingBarcodeReader } from '../../../../adapters/barcode/zxingBarcodeReader';
import type { ProcessingEvent } from '../../../../core/processing/types/processingEvent';
import { ORIENTATIONS, type LabelAppearance, type LabelFootage, type Orientation } from './makeLabelFootage';

/** Seconds of slack around an appearance when matching reads to it (a frame straddling the overlay's edge). */
const SLACK_SEC = 0.25;

/**
 * "What the library reads": every frame of the footage at 5 fps, decoded by ffmpeg
 * in full (no fast-decode shortcuts), gray, at full resolution, read whole by
 * zxing-wasm with everything on (tryHarder, tryRotate, tryInvert, tryDownscale).
 * Returns, per decoded text, the times (s) of the frames it was read on.
 */
export async function libraryReads(footage: LabelFootage, tools: FfmpegTools, fps = 5): Promise<Map<string, number[]>> {
  const source = new FfmpegFrameSource(tools, { fastDecode: 'off' });
  const reader = await ZxingBarcodeReader.create({ search: 'full', tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true });
  const reads = new Map<string, number[]>();
  for await (const frame of source.frames(footage.path, { fps, width: 1280, verticalSqueeze: 1 })) {
    for (const read of await reader.read(frame)) {
      const times = reads.get(read.text) ?? [];
      times.push(frame.timeSec);
      reads.set(read.text, times);
    }
  }
  return reads;
}

export interface AppearanceScore {
  readonly appearance: LabelAppearance;
  readonly libraryRead: boolean;
  /**
   * The pipeline made an event with this code whose start and end are within 1 s of
   * the appearance (of the library's first and last read of it, when the library
   * reads it on only part of its frames).
   */
  readonly found: boolean;
  readonly startErrorSec?: number;
  readonly endErrorSec?: number;
}

export interface RecallRow {
  readonly orientation: Orientation;
  readonly symbology: string;
  readonly appearances: number;
  readonly library: number;
  /** Found by the pipeline among those the library read. */
  readonly foundOfLibrary: number;
  /** Found by the pipeline, whether or not the library read it. */
  readonly found: number;
}

export interface RecallReport {
  readonly scores: readonly AppearanceScore[];
  readonly rows: readonly RecallRow[];
  /** Found ÷ library-read over all appearances the library read. */
  readonly recall: number;
  /** Codes in events that are not on any label of the footage. */
  readonly invented: readonly string[];
  /** Events whose code appears but at other times (a boundary more than 1 s off, or a split). */
  readonly misplaced: readonly string[];
}

/**
 * Scores the pipeline's events (footage starting at `startMs`) against the truth:
 * an appearance is found when an event carries its code and starts and ends within
 * `toleranceSec` of it. Recall is relative to the appearances the library read.
 */
export function scoreLabelRecall(footage: LabelFootage, startMs: number, events: readonly ProcessingEvent[], library: Map<string, number[]>, toleranceSec = 1): RecallReport {
  const truthCodes = new Set(footage.appearances.map((a) => a.code));
  const scores = footage.appearances.map((appearance): AppearanceScore => {
    const times = (library.get(appearance.code) ?? []).filter((t) => t >= appearance.start - SLACK_SEC && t <= appearance.end + SLACK_SEC);
    const libraryRead = times.length > 0;
    const event = events.find((e) => e.trackingCodes.includes(appearance.code));
    if (!event) return { appearance, libraryRead, found: false };
    // Boundaries are held to the truth, or to the library's own first and last read
    // when it too sees the label only part of the time (glare, blur at some frames).
    const from = libraryRead ? Math.max(appearance.start, Math.min(...times)) : appearance.start;
    const to = libraryRead ? Math.min(appearance.end, Math.max(...times)) : appearance.end;
    const startErrorSec = Math.abs((event.startMs - startMs) / 1000 - from);
    const endErrorSec = Math.abs((event.endMs - startMs) / 1000 - to);
    return { appearance, libraryRead, found: startErrorSec <= toleranceSec && endErrorSec <= toleranceSec, startErrorSec, endErrorSec };
  });
  const invented = events.flatMap((e) => e.trackingCodes.filter((c) => !truthCodes.has(c)));
  const misplaced = scores.filter((s) => s.startErrorSec !== undefined && !s.found).map((s) => s.appearance.code);
  const rows: RecallRow[] = [];
  for (const orientation of ORIENTATIONS) {
    for (const symbology of ['QRCode', 'Code128']) {
      const here = scores.filter((s) => s.appearance.orientation === orientation && s.appearance.symbology === symbology);
      if (here.length === 0) continue;
      rows.push({
        orientation,
        symbology,
        appearances: here.length,
        library: here.filter((s) => s.libraryRead).length,
        foundOfLibrary: here.filter((s) => s.libraryRead && s.found).length,
        found: here.filter((s) => s.found).length,
      });
    }
  }
  const read = scores.filter((s) => s.libraryRead).length;
  const foundOfLibrary = scores.filter((s) => s.libraryRead && s.found).length;
  return { scores, rows, recall: read === 0 ? 0 : foundOfLibrary / read, invented, misplaced };
}

/** A Markdown table of a report: per orientation and symbology, library reads and pipeline finds. */
export function recallTable(report: RecallReport): string {
  const lines = ['| orientation | symbology | labels | library reads | pipeline finds (of those) | pipeline finds (all) |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of report.rows) lines.push(`| ${r.orientation === 'tilted' ? 'tilted 20–30°' : `${r.orientation}°`} | ${r.symbology} | ${r.appearances} | ${r.library} | ${r.foundOfLibrary} | ${r.found} |`);
  const sum = (f: (r: RecallRow) => number): number => report.rows.reduce((s, r) => s + f(r), 0);
  lines.push(`| all | | ${sum((r) => r.appearances)} | ${sum((r) => r.library)} | ${sum((r) => r.foundOfLibrary)} (${(report.recall * 100).toFixed(0)} %) | ${sum((r) => r.found)} |`);
  return lines.join('\n');
}
