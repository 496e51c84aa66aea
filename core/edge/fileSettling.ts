/**
 * When a file found in a watched folder may be taken. Cameras, NVR exports and
 * copy tools write a file over seconds to minutes; taking it early uploads half a
 * video. A file is taken only once its size and modification time have not
 * changed for `quietMs` and, where the host can tell, no process holds it open
 * for writing. On network mounts the writer may be another machine, so the quiet
 * period is what protects there; the open-writer check only shortens nothing.
 */
export interface FileObservation {
  readonly size: number;
  readonly mtimeMs: number;
  /** When this observation was made (ms since the epoch). */
  readonly seenAtMs: number;
}

export interface SettlingState {
  readonly size: number;
  readonly mtimeMs: number;
  /** Since when size and mtime have been as they are now. */
  readonly unchangedSinceMs: number;
}

export type SettlingVerdict =
  | { readonly kind: 'growing'; readonly state: SettlingState }
  | { readonly kind: 'settling'; readonly state: SettlingState; readonly readyAtMs: number }
  | { readonly kind: 'held_open'; readonly state: SettlingState }
  | { readonly kind: 'ready'; readonly state: SettlingState };

export interface SettlingRules {
  /** How long size and mtime must stay unchanged. */
  readonly quietMs: number;
}

/** Two minutes of quiet by default: longer than any pause of a copy over a slow share seen in the field. */
export const defaultSettlingRules: SettlingRules = { quietMs: 120_000 };

/**
 * Folds a new observation into the file's settling state. `openForWriting` is
 * whether the host saw a writer holding the file (false where it cannot tell).
 * Quiet is measured between the agent's own observations, never from the file's
 * mtime: copy tools set an old mtime on a file and cameras' clocks drift, so a
 * first sighting is always 'growing'.
 */
export function settleFile(
  previous: SettlingState | null,
  seen: FileObservation,
  openForWriting: boolean,
  rules: SettlingRules = defaultSettlingRules,
): SettlingVerdict {
  const unchanged = previous !== null && previous.size === seen.size && previous.mtimeMs === seen.mtimeMs;
  const state: SettlingState = { size: seen.size, mtimeMs: seen.mtimeMs, unchangedSinceMs: unchanged ? previous.unchangedSinceMs : seen.seenAtMs };
  if (!unchanged) return { kind: 'growing', state };
  if (openForWriting) return { kind: 'held_open', state };
  const readyAtMs = state.unchangedSinceMs + rules.quietMs;
  if (seen.seenAtMs >= readyAtMs) return { kind: 'ready', state };
  return { kind: 'settling', state, readyAtMs };
}
