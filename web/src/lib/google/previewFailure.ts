import { ApiError } from '../api/ApiError';

/** Why a camera preview could not be made, said where it belongs. */
export interface PreviewFailure {
  /** Above what was found: the folder, the agent, the network. */
  readonly problem: string;
  /** Under the time zone field: the zone asked for is not one. */
  readonly timeZoneError: string;
}

/** A failed preview (Drive folders or an agent's folder) split into its two places; `fallback` when it says nothing. */
export function previewFailure(caught: unknown, fallback: string): PreviewFailure {
  const message = caught instanceof Error ? caught.message : fallback;
  return caught instanceof ApiError && caught.field === 'mapping.timeZone' ? { problem: '', timeZoneError: message } : { problem: message, timeZoneError: '' };
}
