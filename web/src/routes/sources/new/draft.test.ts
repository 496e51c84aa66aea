import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api/ApiError';
import { draftFromSource, emptyDraft, fieldElementId, intervalFields, localDraftErrors, sourceFormErrors, toNewSource, toSourcePatch } from './draft';

describe('toNewSource', () => {
  it('sends only the config of the chosen type, trimmed', () => {
    const draft = { ...emptyDraft(), type: 'local' as const, name: '  Station 1 ', path: ' /mnt/nvr ', folders: [{ id: 'left', name: 'over' }] };

    // A local folder now carries its agent, mapping and processing too, but nothing of a Drive source.
    expect(toNewSource(draft)).toEqual({
      type: 'local',
      name: 'Station 1',
      intervalMinutes: 15,
      config: { path: '/mnt/nvr', mapping: { layout: 'auto', timeZone: 'UTC', renames: {}, excluded: [] }, processing: { enabled: true } },
    });
  });

  it('sends a local folder with the chosen agent and names every missing field at once', () => {
    const draft = { ...emptyDraft('Asia/Ho_Chi_Minh'), type: 'local' as const, name: 'Quầy 1', path: '/srv/Đầu ghi/Quầy 1', agentId: 'agt_1' };
    expect(toNewSource(draft)).toMatchObject({ config: { path: '/srv/Đầu ghi/Quầy 1', agentId: 'agt_1', mapping: { timeZone: 'Asia/Ho_Chi_Minh' } } });
    expect(localDraftErrors(draft, 1)).toEqual({});

    const errors = localDraftErrors({ agentId: null, path: 'exports/cam1', name: ' ' }, 2);
    expect(Object.keys(errors).sort()).toEqual(['config.agentId', 'config.path', 'name']);
    expect(errors['config.path']).toContain('full path');
    expect(localDraftErrors({ agentId: 'a', path: 'C:\\NVR\\export', name: 'x' }, 1)).toEqual({});
    // No agent enrolled yet: the source may be saved and waits for one.
    expect(localDraftErrors({ agentId: null, path: '/srv/nvr', name: 'x' }, 0)).toEqual({});
    expect(fieldElementId('config.agentId', draft)).toBe('source-agent');
  });

  it('sends a Drive source with its connection, the chosen folder ids in order and the mapping', () => {
    const mapping = { layout: 'by_folder' as const, timeZone: ' Asia/Ho_Chi_Minh ', renames: { cam1: 'Packing 1' }, excluded: ['cam9'] };
    const draft = { ...emptyDraft(), name: 'Drive', connectionId: 'gc-1', folders: [{ id: 'f2', name: 'B' }, { id: 'f1', name: 'A' }], mapping };

    expect(toNewSource(draft)).toEqual({
      type: 'google_drive',
      name: 'Drive',
      intervalMinutes: 15,
      config: { connectionId: 'gc-1', folderIds: ['f2', 'f1'], mapping: { ...mapping, timeZone: 'Asia/Ho_Chi_Minh' }, processing: { enabled: true } },
    });
  });

  it('finds orders in a new Drive source unless the box is unticked, also for a draft saved before the box existed', () => {
    const unticked = { ...emptyDraft(), findOrders: false };
    const { findOrders: _dropped, ...older } = emptyDraft();

    expect(toNewSource(unticked).config).toMatchObject({ processing: { enabled: false } });
    expect(toNewSource(older as ReturnType<typeof emptyDraft>).config).toMatchObject({ processing: { enabled: true } });
  });

  it('leaves the connection out when none is chosen, so the API can say what is missing', () => {
    expect(toNewSource(emptyDraft()).config).not.toHaveProperty('connectionId');
  });

  it('uses the custom minutes when "custom" is chosen, and NaN (sent as null) when empty', () => {
    const custom = { ...emptyDraft(), intervalChoice: 'custom', customMinutes: 90 };

    expect(toNewSource(custom).intervalMinutes).toBe(90);
    expect(JSON.stringify(toNewSource({ ...custom, customMinutes: null }))).toContain('"intervalMinutes":null');
  });
});

describe('intervalFields', () => {
  it('shows a preset as itself and anything else as custom minutes', () => {
    expect(intervalFields(30)).toEqual({ intervalChoice: '30', customMinutes: null });
    expect(intervalFields(45)).toEqual({ intervalChoice: 'custom', customMinutes: 45 });
  });
});

describe('fieldElementId', () => {
  it('points each API field at the element that shows it', () => {
    expect(fieldElementId('config.folderIds', { type: 'google_drive', intervalChoice: '15' })).toBe('source-folders-tree');
    expect(fieldElementId('intervalMinutes', { type: 'google_drive', intervalChoice: 'custom' })).toBe('source-interval-custom');
  });
});

describe('draftFromSource and toSourcePatch', () => {
  it('round-trips a saved Drive source into the form and back into a PATCH body', () => {
    const mapping = { layout: 'flat' as const, timeZone: 'Europe/Berlin', renames: { cam1: 'Desk' }, excluded: [] };
    const source = {
      id: 's1',
      type: 'google_drive' as const,
      name: 'Drive',
      intervalMinutes: 45,
      config: { connectionId: 'gc-1', folderIds: ['f1'], mapping },
      status: 'idle' as const,
      statusMessage: null,
      statusMessageCode: null,
      nextSyncAt: null,
      lastSyncAt: null,
      lastRun: null,
      totals: { files: 0, bytes: 0 },
      deletion: null,
      createdAt: '',
      updatedAt: '',
    };

    const draft = draftFromSource(source);

    expect(draft).toMatchObject({ intervalChoice: 'custom', customMinutes: 45, connectionId: 'gc-1', folders: [{ id: 'f1', name: 'f1' }], mapping });
    expect(toSourcePatch(draft)).toEqual({ name: 'Drive', intervalMinutes: 45, config: { connectionId: 'gc-1', folderIds: ['f1'], mapping } });
  });
});

describe('emptyDraft', () => {
  it("starts the cameras' time zone at the tenant's when the tenant set one, else at the browser's", () => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    expect(emptyDraft('Asia/Ho_Chi_Minh').mapping.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(emptyDraft('+07:00').mapping.timeZone).toBe('+07:00');
    expect(emptyDraft(null).mapping.timeZone).toBe(browser);
    expect(emptyDraft().mapping.timeZone).toBe(browser);
  });
});

describe('sourceFormErrors', () => {
  it("puts an error on the config as a whole under the chosen type's main field, and focuses it", () => {
    const draft = emptyDraft();
    const shown = sourceFormErrors(new ApiError(400, 'validation_error', 'choose at least one folder', { field: 'config' }), draft);

    expect(shown.errors.fields).toEqual({ 'config.folderIds': 'choose at least one folder' });
    expect(shown.focusId).toBe(fieldElementId('config.folderIds', draft));
  });

  it('keeps a form-level message without a field to focus', () => {
    const shown = sourceFormErrors(new ApiError(409, 'conflict', 'changed meanwhile'), emptyDraft());

    expect(shown.errors).toEqual({ fields: {}, form: 'changed meanwhile' });
    expect(shown.focusId).toBeNull();
  });
});
