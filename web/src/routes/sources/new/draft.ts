import type { NewSource, SourceType } from '../../../lib/api/types';

/** What the Add source form holds, as typed; `toNewSource` turns it into the API's shape. */
export interface SourceDraft {
  type: SourceType;
  name: string;
  /** One of INTERVAL_PRESETS as text, or 'custom'. */
  intervalChoice: string;
  /** What `bind:value` on a number input gives: a number, or null when empty. */
  customMinutes: number | null;
  folderIds: string;
  address: string;
  path: string;
}

export const INTERVAL_PRESETS = [5, 15, 30, 60] as const;

export function emptyDraft(): SourceDraft {
  return { type: 'google_drive', name: '', intervalChoice: '15', customMinutes: null, folderIds: '', address: '', path: '' };
}

/**
 * Comma- (or space-/newline-) separated Drive folder ids. A pasted folder URL
 * (`…/drive/folders/<id>?usp=…`) is reduced to its id, since that is what
 * people copy from the address bar.
 */
export function parseFolderIds(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((part) => /\/folders\/([\w-]+)/.exec(part)?.[1] ?? part)
    .filter((part) => part.length > 0);
}

/**
 * The API validates; this only converts. A custom interval that is not a
 * number is sent as NaN → null, so the API names the field and its rule.
 */
export function toNewSource(draft: SourceDraft): NewSource {
  const minutes = draft.intervalChoice === 'custom' ? draft.customMinutes : Number(draft.intervalChoice);
  const intervalMinutes = minutes ?? Number.NaN;
  const common = { name: draft.name.trim(), intervalMinutes };
  switch (draft.type) {
    case 'google_drive':
      return { ...common, type: draft.type, config: { folderIds: parseFolderIds(draft.folderIds) } };
    case 'onvif':
      return { ...common, type: draft.type, config: { address: draft.address.trim() } };
    case 'local':
      return { ...common, type: draft.type, config: { path: draft.path.trim() } };
  }
}

/** The API's field names, and the element that shows each one in this form. */
export function fieldElementId(field: string, draft: SourceDraft): string {
  switch (field) {
    case 'type':
      return `source-type-${draft.type}`;
    case 'name':
      return 'source-name';
    case 'intervalMinutes':
      return draft.intervalChoice === 'custom' ? 'source-interval-custom' : 'source-interval';
    case 'config.folderIds':
      return 'source-folder-ids';
    case 'config.address':
      return 'source-address';
    default:
      return 'source-path';
  }
}

export const SOURCE_FIELDS = ['type', 'name', 'intervalMinutes', 'config.folderIds', 'config.address', 'config.path', 'config'] as const;

/** `config` alone (the API could not say which key) belongs to the type's one config field. */
export function configFieldOf(type: SourceType): string {
  return type === 'google_drive' ? 'config.folderIds' : type === 'onvif' ? 'config.address' : 'config.path';
}
