import { describe, expect, it } from 'vitest';
import { emptyDraft, parseFolderIds, toNewSource } from './draft';

describe('parseFolderIds', () => {
  it('splits on commas, spaces and new lines and keeps the id of a pasted folder link', () => {
    const text = 'abc123, https://drive.google.com/drive/folders/1AbC-def_GHI?usp=sharing\n xyz ,,';

    expect(parseFolderIds(text)).toEqual(['abc123', '1AbC-def_GHI', 'xyz']);
  });

  it('gives no ids for blank text, so the API can say a folder is needed', () => {
    expect(parseFolderIds('  , ')).toEqual([]);
  });
});

describe('toNewSource', () => {
  it('sends only the config of the chosen type, trimmed', () => {
    const draft = { ...emptyDraft(), type: 'local' as const, name: '  Station 1 ', path: ' /mnt/nvr ', folderIds: 'left-over' };

    expect(toNewSource(draft)).toEqual({ type: 'local', name: 'Station 1', intervalMinutes: 15, config: { path: '/mnt/nvr' } });
  });

  it('uses the custom minutes when "custom" is chosen, and NaN (sent as null) when empty', () => {
    const custom = { ...emptyDraft(), intervalChoice: 'custom', customMinutes: 90 };

    expect(toNewSource(custom).intervalMinutes).toBe(90);
    expect(JSON.stringify(toNewSource({ ...custom, customMinutes: null }))).toContain('"intervalMinutes":null');
  });
});
