import { watch, type FSWatcher } from 'node:fs';
import type { Clock } from '../../core/ports/clock';
import { localFileVerdict } from '../../core/edge/localFileVerdict';
import { defaultSettlingRules, settleFile, type SettlingRules, type SettlingState } from '../../core/edge/fileSettling';
import type { SeenFiles } from '../state/seenFiles';
import { fingerprintFile } from './fingerprintFile';
import { openWriters } from './openWriters';
import { describeFsError, scanFolder, type FolderScan, type ScannedFile } from './scanFolder';

export interface TakenFile extends ScannedFile {
  readonly sourceId: string;
  readonly fingerprint: string;
}

export interface SkippedFile {
  readonly sourceId: string;
  readonly relativePath: string;
  readonly reason: string;
}

export interface FolderWatcherOptions {
  readonly sourceId: string;
  readonly root: string;
  readonly clock: Clock;
  readonly seen: SeenFiles;
  /**
   * Hands a settled file on (to the spool). The file counts as taken once this
   * resolves, unless it answers with a reason to skip it (an excluded camera):
   * then it is reported and looked at again after the configuration changes.
   * `scan` is the whole pass the file was found in: its neighbours decide its
   * camera in a folder holding several cameras (core/cameras/localFolderCameras.ts).
   */
  readonly onTaken: (file: TakenFile, scan: FolderScan) => Promise<{ readonly skipped: string } | void>;
  /** Told once per file and reason, so a skip is reported, not repeated every scan. */
  readonly onSkipped: (file: SkippedFile) => void;
  readonly rules?: SettlingRules;
  /** Full scans this often (network mounts send no change events); change events bring the next scan forward. */
  readonly scanIntervalMs?: number;
  /** Replaceable for tests; the default reads /proc. */
  readonly findOpenWriters?: (paths: ReadonlySet<string>) => Promise<Set<string> | null>;
}

export interface ScanSummary {
  readonly taken: number;
  readonly waiting: number;
  readonly skipped: number;
  readonly problems: number;
}

/**
 * Watches one local folder tree and takes each video once it has settled
 * (core/edge/fileSettling) and its content was not taken before under another
 * name (core/edge/contentFingerprint).
 */
export class FolderWatcher {
  private readonly settling = new Map<string, SettlingState>();
  private readonly reported = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private fsWatcher: FSWatcher | null = null;
  private scanning: Promise<ScanSummary> | null = null;
  private stopped = false;
  /** The folder's problem in the last scan (unreadable, not mounted), null when it read fine. */
  lastProblem: string | null = null;

  constructor(private readonly options: FolderWatcherOptions) {}

  /** Scans now, then on every interval and soon after change events, until stop(). */
  start(): void {
    this.stopped = false;
    try {
      this.fsWatcher = watch(this.options.root, { recursive: true, persistent: false }, () => this.scanSoon(2_000));
      this.fsWatcher.on('error', () => this.fsWatcher?.close());
    } catch {
      // No change events here (some network mounts): the periodic scan is enough.
      this.fsWatcher = null;
    }
    this.scanSoon(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.fsWatcher?.close();
    this.fsWatcher = null;
  }

  /** One full pass; concurrent calls share the pass under way. */
  scanOnce(): Promise<ScanSummary> {
    this.scanning ??= this.scan().finally(() => {
      this.scanning = null;
    });
    return this.scanning;
  }

  private scanSoon(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.scanOnce()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped && this.timer === null) this.scanSoon(this.options.scanIntervalMs ?? 15_000);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async scan(): Promise<ScanSummary> {
    const { sourceId, root, clock, seen } = this.options;
    const listing = await scanFolder(root);
    this.lastProblem = listing.problems[0] === undefined ? null : `${listing.problems[0].relativePath}: ${listing.problems[0].reason}`;
    for (const problem of listing.problems) this.report(problem.relativePath, `could not be read: ${problem.reason}`);
    const present = new Set(listing.files.map((file) => file.relativePath));
    for (const known of this.settling.keys()) if (!present.has(known)) this.settling.delete(known);

    const quiet: ScannedFile[] = [];
    let skipped = 0;
    let waiting = 0;
    const seenAtMs = clock.now().getTime();
    const candidates: { file: ScannedFile; previous: SettlingState | null }[] = [];
    for (const file of listing.files) {
      // Judged by name here; an empty video may still be filling, so emptiness is judged once it settles.
      const verdict = localFileVerdict(file.relativePath.split('/').at(-1) ?? '', Math.max(file.size, 1));
      if (!verdict.take) {
        skipped += this.report(file.relativePath, verdict.reason) ? 1 : 0;
        continue;
      }
      candidates.push({ file, previous: this.settling.get(file.relativePath) ?? null });
    }
    const unchanged = candidates.filter(({ file, previous }) => previous?.size === file.size && previous.mtimeMs === file.mtimeMs);
    const writers = await (this.options.findOpenWriters ?? openWriters)(new Set(unchanged.map(({ file }) => file.absolutePath)));
    for (const { file, previous } of candidates) {
      const verdict = settleFile(previous, { size: file.size, mtimeMs: file.mtimeMs, seenAtMs }, writers?.has(file.absolutePath) ?? false, this.options.rules ?? defaultSettlingRules);
      this.settling.set(file.relativePath, verdict.state);
      if (verdict.kind !== 'ready') waiting++;
      else if (file.size === 0) skipped += this.report(file.relativePath, 'an empty file (0 bytes)') ? 1 : 0;
      else quiet.push(file);
    }

    let taken = 0;
    for (const file of quiet) {
      let fingerprint: string;
      try {
        fingerprint = await fingerprintFile(file.absolutePath, file.size);
      } catch (error) {
        this.settling.delete(file.relativePath); // changed or vanished while read: start settling again
        this.report(file.relativePath, `could not be read: ${describeFsError(error)}`);
        continue;
      }
      const before = seen.get(sourceId, fingerprint);
      if (before !== undefined) {
        if (before.relativePath !== file.relativePath) {
          skipped += this.report(file.relativePath, `the same video as ${before.relativePath}, taken ${before.takenAt}`) ? 1 : 0;
        }
        continue;
      }
      const outcome = await this.options.onTaken({ ...file, sourceId, fingerprint }, listing);
      if (outcome !== undefined) {
        skipped += this.report(file.relativePath, outcome.skipped) ? 1 : 0;
        continue;
      }
      await seen.add({ sourceId, fingerprint, relativePath: file.relativePath, takenAt: clock.now().toISOString() });
      this.reported.delete(file.relativePath);
      taken++;
    }
    return { taken, waiting, skipped, problems: listing.problems.length };
  }

  /** Reports a skip once per file and reason; true when it was new. */
  private report(relativePath: string, reason: string): boolean {
    if (reason === '' || this.reported.get(relativePath) === reason) return false;
    this.reported.set(relativePath, reason);
    this.options.onSkipped({ sourceId: this.options.sourceId, relativePath, reason });
    return true;
  }
}
