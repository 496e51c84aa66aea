import type { FileSkipCode } from '../providers/videoFileFilter';

/**
 * Why a tracked file was skipped, removed or expired. The row keeps the reason
 * in English words (for logs and English pages); the API adds its code, read
 * back here, so a page in another language says the same thing in its own
 * words instead of guessing from the English. Every reason the backend writes
 * comes from this module, so every one has a code (fileReasons.test.ts).
 */
export type FileReasonCode =
  | FileSkipCode
  | 'camera_excluded'
  | 'not_in_folders'
  | 'deleted_in_drive'
  | 'trashed'
  | 'moved_out'
  | 'folder_gone'
  | 'folder_trashed'
  | 'folder_moved_out'
  | 'source_deleted'
  | 'retention'
  | 'kept_on_agent'
  | 'unreadable_on_agent';

/** Reasons with no detail, in the words stored on the row. */
export const FILE_REASONS = {
  not_in_folders: 'no longer in the chosen folders',
  deleted_in_drive: 'deleted in Google Drive, or no longer shared with this account',
  trashed: 'moved to the trash in Google Drive',
  moved_out: 'moved out of the chosen folders',
  folder_gone: 'its folder was deleted in Google Drive or is no longer shared',
  folder_trashed: 'its folder was moved to the trash',
  folder_moved_out: 'its folder was moved out of the chosen folders',
  source_deleted: 'its source was deleted',
  retention: 'deleted by the footage retention setting',
  // A file an agent processed on site and did not upload (core/agents/recordAgentDelivery.ts).
  kept_on_agent: 'processed by the agent on site; the original stays on the agent (this source keeps clips only)',
  // Local folders (core/edge/localFileVerdict.ts words them; the verdict's code and this agree: fileReasons.test.ts).
  temporary: 'a temporary or hidden file (a copy still in progress, or system clutter)',
  empty: 'an empty file (0 bytes)',
} as const satisfies Partial<Record<FileReasonCode, string>>;

export function cameraExcludedReason(cameraName: string): string {
  return `camera "${cameraName}" is excluded in this source's mapping`;
}

/** A file an agent took and could not process on site (core/agents/recordUnprocessableFile.ts); the detail is the agent's own (English) error. */
export function unreadableOnAgentReason(error: string): string {
  return `the agent could not read this video on site: ${error}`;
}

/** Reasons that carry a detail (a camera's name, a file's type), and how to read it back. */
const PATTERNS: ReadonlyArray<readonly [FileReasonCode, RegExp]> = [
  ['camera_excluded', /^camera "(.*)" is excluded in this source's mapping$/s],
  ['google_document', /^a Google Drive (\S+) \(not a video file\)$/],
  ['not_video', /^not a video file \((.*)\)$/],
  ['unreadable_on_agent', /^the agent could not read this video on site: (.*)$/s],
];

const BY_TEXT = new Map<string, FileReasonCode>(Object.entries(FILE_REASONS).map(([code, text]) => [text, code as FileReasonCode]));

/** The code of a stored reason, with its detail; null for a reason this module did not write. */
export function fileReasonOf(reason: string | null): { readonly code: FileReasonCode; readonly detail: string | null } | null {
  if (reason === null) return null;
  const plain = BY_TEXT.get(reason);
  if (plain !== undefined) return { code: plain, detail: null };
  for (const [code, pattern] of PATTERNS) {
    const match = pattern.exec(reason);
    if (match !== null) return { code, detail: match[1] === 'unknown type' ? null : (match[1] ?? null) };
  }
  return null;
}
