export interface ClipPart {
  readonly path: string;
  /** Seconds from the start of that file. */
  readonly fromSec: number;
  readonly toSec: number;
}

export interface ClipRequest {
  /** One or more consecutive parts, joined in order. */
  readonly parts: readonly ClipPart[];
  readonly outPath: string;
  /** `copy`: start at the keyframe at or before `fromSec`, no re-encode (fast). `accurate`: re-encode, frame-exact. */
  readonly mode: 'copy' | 'accurate';
}

export interface ClipResult {
  readonly outPath: string;
  /** Seconds of footage in the clip before the requested start (keyframe alignment in copy mode; 0 when accurate). */
  readonly leadSec: number;
  readonly durationSec: number;
}

/** Writes one browser-playable clip (H.264 mp4, faststart) per request. */
export interface ClipCutter {
  cut(request: ClipRequest, signal?: AbortSignal): Promise<ClipResult>;
}
