import { m } from '../../../paraglide/messages.js';
import type { CameraMapping, NewSource, Source, SourcePatch, SourceType } from '../../../lib/api/types';
import { defaultMapping } from '../../../lib/google/cameraMapping';
import { formErrorsFrom, type FormErrors } from '../../../lib/forms/fieldErrors';
import type { ChosenFolder } from '../../../lib/google/folderTree';

/** What the Add source form holds, as typed; `toNewSource` turns it into the API's shape. */
export interface SourceDraft {
  type: SourceType;
  name: string;
  /** One of INTERVAL_PRESETS as text, or 'custom'. */
  intervalChoice: string;
  /** What `bind:value` on a number input gives: a number, or null when empty. */
  customMinutes: number | null;
  /** Google Drive: the connected account, the chosen folders and the camera mapping. */
  connectionId: string | null;
  folders: ChosenFolder[];
  mapping: CameraMapping;
  /** Google Drive, new sources only: find tracking codes and cut clips (on unless unticked; Edit has the full settings). */
  findOrders: boolean;
  address: string;
  path: string;
  /** Local folder: the edge agent that watches it. */
  agentId: string | null;
}

export const INTERVAL_PRESETS = [5, 15, 30, 60] as const;

/** A new source's form; its cameras' time zone starts as the tenant's, else the browser's. */
export function emptyDraft(tenantTimeZone: string | null = null): SourceDraft {
  return {
    type: 'google_drive',
    name: '',
    intervalChoice: '15',
    customMinutes: null,
    connectionId: null,
    folders: [],
    mapping: tenantTimeZone ? defaultMapping(tenantTimeZone) : defaultMapping(),
    findOrders: true,
    address: '',
    path: '',
    agentId: null,
  };
}

/** The form's interval fields for a saved interval: a preset when it is one, else custom. */
export function intervalFields(minutes: number): Pick<SourceDraft, 'intervalChoice' | 'customMinutes'> {
  const preset = (INTERVAL_PRESETS as readonly number[]).includes(minutes);
  return preset ? { intervalChoice: String(minutes), customMinutes: null } : { intervalChoice: 'custom', customMinutes: minutes };
}

/**
 * The API validates; this only converts. A custom interval that is not a
 * number is sent as NaN → null, so the API names the field and its rule.
 */
export function toIntervalMinutes(draft: Pick<SourceDraft, 'intervalChoice' | 'customMinutes'>): number {
  const minutes = draft.intervalChoice === 'custom' ? draft.customMinutes : Number(draft.intervalChoice);
  return minutes ?? Number.NaN;
}

export function toDriveConfig(draft: SourceDraft): { connectionId?: string; folderIds: string[]; mapping: CameraMapping } {
  const mapping = { ...draft.mapping, timeZone: draft.mapping.timeZone.trim() };
  const folderIds = draft.folders.map((folder) => folder.id);
  return draft.connectionId ? { connectionId: draft.connectionId, folderIds, mapping } : { folderIds, mapping };
}

export function toNewSource(draft: SourceDraft): NewSource {
  const common = { name: draft.name.trim(), intervalMinutes: toIntervalMinutes(draft) };
  switch (draft.type) {
    case 'google_drive':
      // A draft kept from before this field existed has none: finding orders is the point, so on.
      return { ...common, type: draft.type, config: { ...toDriveConfig(draft), processing: { enabled: draft.findOrders !== false } } };
    case 'onvif':
      return { ...common, type: draft.type, config: { address: draft.address.trim() } };
    case 'local':
      return { ...common, type: draft.type, config: { ...toLocalConfig(draft), processing: { enabled: draft.findOrders !== false } } };
  }
}

export function toLocalConfig(draft: SourceDraft): { path: string; agentId?: string; mapping: CameraMapping } {
  const mapping = { ...draft.mapping, timeZone: draft.mapping.timeZone.trim() };
  const path = draft.path.trim();
  return draft.agentId ? { path, agentId: draft.agentId, mapping } : { path, mapping };
}

/** The same rule as the API's (core/sources/sourceSchemas.ts): a path on the agent's computer from its root. */
export const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * A local folder's mistakes the form can see without asking the API, all at
 * once: no agent chosen (when there is one to choose; without any, the source
 * waits for one), no folder or one that is not absolute, no name.
 */
export function localDraftErrors(draft: Pick<SourceDraft, 'agentId' | 'path' | 'name'>, agentsToChoose: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.agentId && agentsToChoose > 0) errors['config.agentId'] = m.local_error_agent();
  const path = draft.path.trim();
  if (path === '') errors['config.path'] = m.local_error_path_empty();
  else if (!ABSOLUTE_PATH.test(path)) errors['config.path'] = m.local_error_path_relative();
  if (draft.name.trim() === '') errors['name'] = m.source_error_name();
  return errors;
}

/** The API's field names, and the element that shows each one in this form. */
export function fieldElementId(field: string, draft: Pick<SourceDraft, 'type' | 'intervalChoice'>): string {
  switch (field) {
    case 'type':
      return `source-type-${draft.type}`;
    case 'name':
      return 'source-name';
    case 'intervalMinutes':
      return draft.intervalChoice === 'custom' ? 'source-interval-custom' : 'source-interval';
    case 'config.folderIds':
      return 'source-folders-tree';
    case 'config.mapping.timeZone':
      return 'mapping-time-zone';
    case 'config.address':
      return 'source-address';
    case 'config.agentId':
      return 'source-agent';
    case 'config.settleSeconds':
      return 'source-settle';
    default:
      return 'source-path';
  }
}

export const SOURCE_FIELDS = [
  'type',
  'name',
  'intervalMinutes',
  'config.folderIds',
  'config.mapping.timeZone',
  'config.address',
  'config.path',
  'config.agentId',
  'config.settleSeconds',
  'config',
] as const;

/** `config` alone (the API could not say which key) belongs to the type's main config field. */
export function configFieldOf(type: SourceType): string {
  return type === 'google_drive' ? 'config.folderIds' : type === 'onvif' ? 'config.address' : 'config.path';
}

/**
 * An API error on the Add or Edit source form, next to its field: an error on
 * `config` as a whole goes to the chosen type's main field. `focusId` is the
 * element to focus, the first field with an error, if any.
 */
export function sourceFormErrors(error: unknown, draft: Pick<SourceDraft, 'type' | 'intervalChoice'>): { errors: FormErrors; focusId: string | null } {
  const errors = formErrorsFrom(error, SOURCE_FIELDS);
  const config = errors.fields.config;
  if (config !== undefined) {
    delete errors.fields.config;
    errors.fields[configFieldOf(draft.type)] = config;
  }
  const field = Object.keys(errors.fields)[0];
  return { errors, focusId: field === undefined ? null : fieldElementId(field, draft) };
}

/** The form's draft for a saved source (Edit). Saved Drive folders are known by id only until the tree names them. */
export function draftFromSource(source: Source): SourceDraft {
  const base = { ...emptyDraft(), type: source.type, name: source.name, ...intervalFields(source.intervalMinutes) };
  const config = source.config;
  if ('folderIds' in config) {
    return {
      ...base,
      connectionId: config.connectionId ?? null,
      folders: config.folderIds.map((id) => ({ id, name: id })),
      mapping: { ...base.mapping, ...config.mapping },
    };
  }
  if ('address' in config) return { ...base, address: config.address };
  return { ...base, path: config.path, agentId: config.agentId ?? null, mapping: { ...base.mapping, ...config.mapping } };
}

/** What Edit sends: name, interval and the type's config (without the processing settings). */
export function toSourcePatch(draft: SourceDraft): SourcePatch {
  const { type: _type, ...rest } = toNewSource(draft);
  // Processing settings are edited in their own form; a config without them keeps the stored ones.
  if (draft.type === 'google_drive') return { ...rest, config: toDriveConfig(draft) };
  if (draft.type === 'local') return { ...rest, config: toLocalConfig(draft) };
  return rest;
}
