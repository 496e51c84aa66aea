// The fake's q and fields parsers on their own: what Drive accepts parses,
// what it rejects is refused with Drive's 400.
import { describe, expect, test } from 'vitest';
import { DriveHttpError } from '../../fakes/drive/DriveHttpError';
import { parseDriveQuery } from '../../fakes/drive/parseDriveQuery';
import { parseFields, projectFields } from '../../fakes/drive/projectFields';

function rejection(run: () => unknown): DriveHttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof DriveHttpError) return error;
    throw error;
  }
  throw new Error('expected a DriveHttpError');
}

describe('parseDriveQuery', () => {
  test('binds not tighter than and, and tighter than or', () => {
    // Act
    const ast = parseDriveQuery("not trashed = true and name = 'a' or name = 'b'");

    // Assess
    expect(ast).toEqual({
      kind: 'or',
      left: {
        kind: 'and',
        left: { kind: 'not', operand: { kind: 'flag', field: 'trashed', op: '=', value: true } },
        right: { kind: 'text', field: 'name', op: '=', value: 'a' },
      },
      right: { kind: 'text', field: 'name', op: '=', value: 'b' },
    });
  });

  test('unescapes quotes and backslashes in single- and double-quoted strings', () => {
    // Act
    const single = parseDriveQuery("name = 'it\\'s \\\\ here'");
    const double = parseDriveQuery('"abc\\"d" in parents');

    // Assess
    expect(single).toEqual({ kind: 'text', field: 'name', op: '=', value: "it's \\ here" });
    expect(double).toEqual({ kind: 'inParents', parentId: 'abc"d' });
  });

  test.each([
    ["'x' in owners"],
    ["fullText contains 'x'"],
    ["(name = 'a'"],
    ["name = 'unterminated"],
    ['trashed = maybe'],
    ["modifiedTime > 'not a date'"],
    ["name > 'a'"],
    ["name = 'a' and"],
  ])('refuses %s with 400 invalid on q', (q) => {
    // Act
    const error = rejection(() => parseDriveQuery(q));

    // Assess
    expect(error.status).toBe(400);
    expect(error.item).toMatchObject({ reason: 'invalid', location: 'q' });
  });
});

describe('projectFields', () => {
  const body = {
    kind: 'drive#fileList',
    nextPageToken: 't',
    files: [{ id: '1', name: 'a', shortcutDetails: { targetId: 'x', targetMimeType: 'video/mp4' }, size: '3' }],
  };

  test('keeps nested selections, slash paths and drops what is not selected', () => {
    // Act
    const projected = projectFields(body, parseFields('nextPageToken, files(id,shortcutDetails/targetId)'));

    // Assess
    expect(projected).toEqual({ nextPageToken: 't', files: [{ id: '1', shortcutDetails: { targetId: 'x' } }] });
  });

  test('* selects everything and a malformed selection is 400 on fields', () => {
    // Act
    const all = projectFields(body, parseFields('*'));
    const error = rejection(() => parseFields('files(id'));

    // Assess
    expect(all).toEqual(body);
    expect(error.item).toMatchObject({ reason: 'invalid', location: 'fields' });
  });
});
