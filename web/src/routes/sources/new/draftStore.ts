import type { SourceDraft } from './draft';

/**
 * The Add source draft survives Google's consent redirect (and a reload) in
 * sessionStorage: per tab, gone when the tab closes, cleared once saved.
 */

/** Add source's draft; Edit source keeps one per source under `editDraftKey(id)`. */
export const ADD_DRAFT_KEY = 'vtrack.addSource.draft';
export const editDraftKey = (sourceId: string): string => `vtrack.editSource.${sourceId}`;

export function saveDraft(draft: SourceDraft, key = ADD_DRAFT_KEY): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // No storage (private mode): the draft lives as long as the page.
  }
}

/** The stored draft over the defaults, so a draft from an older version still loads. */
export function loadDraft(defaults: SourceDraft, key = ADD_DRAFT_KEY): SourceDraft {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return defaults;
    const merged = { ...defaults, ...(stored as Partial<SourceDraft>) };
    return Array.isArray(merged.folders) && typeof merged.mapping === 'object' && merged.mapping !== null ? merged : defaults;
  } catch {
    return defaults;
  }
}

export function clearDraft(key = ADD_DRAFT_KEY): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
