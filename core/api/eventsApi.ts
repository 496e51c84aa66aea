import type { ClipState } from '../events/parcelEvent';
import type { CodeRejection } from '../events/splitCodeInput';
import type { BBox } from '../processing/types/bBox';
import type { IsoDate } from './collections';

export type { ClipState, CodeRejection };

/** One found order, in search results, the timeline and `GET /api/events/{id}`. */
export interface EventView {
  readonly id: string;
  readonly sourceId: string;
  readonly cameraId: string;
  /** The camera's display name (falls back to its id). */
  readonly cameraName: string;
  readonly trackingCodes: readonly string[];
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly durationSec: number;
  readonly clipStart: IsoDate;
  readonly clipEnd: IsoDate;
  readonly clipState: ClipState;
  /** For the player's label zoom: where the label was, seconds into the clip. */
  readonly labelSighting: { readonly atClipSec: number; readonly bbox: BBox } | null;
  readonly truncated: boolean;
}

/** `POST /api/events/search`: codes as a list, or pasted text split on commas, spaces, newlines and semicolons. At most 1,000 codes. */
export type CodeSearchBody = { readonly codes: readonly string[] } | { readonly text: string };

/** The answer: every asked code once (normalised), found ones with their events newest first. */
export interface CodeSearchView {
  readonly found: readonly { readonly code: string; readonly events: readonly EventView[] }[];
  readonly notFound: readonly string[];
  /** Input tokens that cannot be a code (no letters or digits, too long), with why: `reason` in English, `code` to word it (see CodeRejectionCode). */
  readonly rejected: readonly CodeRejection[];
}

/** `GET /api/events/{id}/clip?download=1`: a short-lived URL that supports Range seeking. */
export interface ClipUrlView {
  readonly url: string;
  /** `<code>_<camera>_<local time>.mp4`, also the download's file name. */
  readonly fileName: string;
  readonly expiresAt: IsoDate;
}

/** `POST /api/events/{id}/shares` answers one; `GET /api/events/{id}/shares` lists them. */
export interface ShareLinkView {
  readonly id: string;
  readonly eventId: string;
  /**
   * The page to send: plays just this clip without signing in. Only in the answer
   * to `POST` (the token is stored hashed, so it cannot be shown again): null in lists.
   */
  readonly url: string | null;
  readonly createdAt: IsoDate;
  readonly expiresAt: IsoDate;
  readonly revokedAt: IsoDate | null;
  /** Made with "keep": while the link works, retention never deletes the clip (a dispute). */
  readonly keep: boolean;
}

/** `POST /api/events/{id}/shares` body: how long the link lives (1–30 days, default 7). */
export interface NewShareLinkBody {
  readonly days?: number;
  /** Keep the clip while the link works (default false). */
  readonly keep?: boolean;
}

/** `GET /api/public/shares/{token}` (no sign-in): what the shared page shows. */
export interface SharedClipView {
  readonly trackingCodes: readonly string[];
  readonly cameraName: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly clip: ClipUrlView;
  readonly expiresAt: IsoDate;
}

/** `POST /api/events/export` (same body as search): one ZIP of the found clips plus `results.csv`, to download. */
export interface ExportView {
  /** A short-lived URL of the ZIP, served as an attachment. */
  readonly url: string;
  readonly fileName: string;
  readonly expiresAt: IsoDate;
  readonly bytes: number;
  /** Clips in the archive. */
  readonly clips: number;
  readonly found: number;
  readonly notFound: number;
  /** Found orders whose clip is not ready (still cutting, failed, footage expired): listed in the CSV only. */
  readonly withoutClip: number;
}

/** `GET /api/sources/{sourceId}/cameras/{cameraId}/events?day=YYYY-MM-DD`: one camera's orders of one day in the tenant's zone (else `zone`, the page's), oldest first. */
export interface CameraDayView {
  readonly day: string;
  readonly timeZone: string;
  /** The day's bounds, ISO UTC, `from` inclusive, `to` exclusive. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly items: readonly EventView[];
}

/**
 * `GET /api/sources/{sourceId}/cameras/{cameraId}/frame`: the camera's newest
 * stored footage, to draw a region of interest on one of its frames (the web
 * shows the video paused at `atSec`). The URL is presigned for that one object.
 */
export interface CameraFrameView {
  readonly url: string;
  readonly fileName: string;
  readonly atSec: number;
  readonly expiresAt: IsoDate;
}
