// files.list: corpus selection, `q`, orderBy, paging and partial responses.
import { DriveHttpError } from './DriveHttpError';
import type { DriveModel } from './DriveModel';
import { evaluateDriveQuery, pinnedParent } from './evaluateDriveQuery';
import { parseDriveQuery } from './parseDriveQuery';
import { projectFields, selects } from './projectFields';
import { boolParam, decodeOffsetToken, encodeOffsetToken, fieldsParam, pageSizeParam } from './queryParams';
import type { Reply } from './Reply';
import { json } from './Reply';
import { toFileResource } from './toFileResource';
import type { DriveItem } from './types';
import { FOLDER_MIME } from './types';

const DEFAULT_FIELDS = 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)';

type Comparator = (a: DriveItem, b: DriveItem) => number;

const ORDER_KEYS: Record<string, Comparator | null> = {
  name: (a, b) => a.name.localeCompare(b.name),
  name_natural: (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }),
  // Folders sort before files in ascending order.
  folder: (a, b) => Number(b.mimeType === FOLDER_MIME) - Number(a.mimeType === FOLDER_MIME),
  modifiedTime: (a, b) => Date.parse(a.modifiedTime) - Date.parse(b.modifiedTime),
  recency: (a, b) => Date.parse(a.modifiedTime) - Date.parse(b.modifiedTime),
  createdTime: (a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime),
  quotaBytesUsed: (a, b) => (a.content?.size ?? 0) - (b.content?.size ?? 0),
  // Real keys the fake has no data for: accepted, no effect on order.
  modifiedByMeTime: null,
  sharedWithMeTime: null,
  starred: null,
  viewedByMeTime: null,
};

function parseOrderBy(orderBy: string | null): Comparator[] {
  if (!orderBy) return [];
  return orderBy.split(',').flatMap((part) => {
    const [key, direction, extra] = part.trim().split(/\s+/);
    if (key === undefined || !(key in ORDER_KEYS) || extra !== undefined || (direction !== undefined && direction !== 'desc')) {
      throw DriveHttpError.invalidParameter('orderBy', `Invalid sort key: ${part.trim()}`);
    }
    const compare = ORDER_KEYS[key];
    if (!compare) return [];
    return [direction === 'desc' ? (a: DriveItem, b: DriveItem) => compare(b, a) : compare];
  });
}

interface Corpus {
  includes(item: DriveItem): boolean;
}

function selectCorpus(query: URLSearchParams): Corpus {
  const supportsAllDrives = boolParam(query, 'supportsAllDrives') || boolParam(query, 'supportsTeamDrives');
  const includeAll = boolParam(query, 'includeItemsFromAllDrives') || boolParam(query, 'includeTeamDriveItems');
  const driveId = query.get('driveId') ?? query.get('teamDriveId');
  const corpora = query.get('corpora') ?? (driveId ? 'drive' : 'user');
  if (corpora === 'drive') {
    if (!driveId) throw DriveHttpError.badRequest('The driveId parameter must be specified when corpora is drive.', 'driveId');
    if (!includeAll || !supportsAllDrives) {
      throw DriveHttpError.badRequest(
        'The includeItemsFromAllDrives parameter must be set to true when driveId is specified.',
        'includeItemsFromAllDrives',
      );
    }
    return { includes: (item) => item.driveId === driveId };
  }
  if (driveId) throw DriveHttpError.badRequest('The corpora parameter must be drive when driveId is specified.', 'corpora');
  if (corpora === 'allDrives') {
    if (!includeAll) {
      throw DriveHttpError.badRequest('includeItemsFromAllDrives must be true when corpora is allDrives.', 'includeItemsFromAllDrives');
    }
    return { includes: () => true };
  }
  if (corpora !== 'user' && corpora !== 'domain') throw DriveHttpError.invalidParameter('corpora');
  const sharedToo = includeAll && supportsAllDrives;
  return { includes: (item) => item.driveId === undefined || sharedToo };
}

export async function listFiles(model: DriveModel, query: URLSearchParams): Promise<Reply> {
  const q = query.get('q') ?? '';
  const ast = parseDriveQuery(q);
  const corpus = selectCorpus(query);
  const comparators = parseOrderBy(query.get('orderBy'));
  const pageSize = pageSizeParam(query, 100, 1000);
  const fields = fieldsParam(query, DEFAULT_FIELDS);
  const spaces = (query.get('spaces') ?? 'drive').split(',');
  const binding = JSON.stringify([q, query.get('orderBy'), query.get('corpora'), query.get('driveId'), spaces]);
  const offset = decodeOffsetToken(query.get('pageToken'), binding);

  const parent = pinnedParent(ast);
  const candidates = parent === undefined ? [...model.allItems()] : model.children(parent);
  const matched = spaces.includes('drive')
    ? candidates.filter((item) => !item.isRoot && corpus.includes(item) && (!ast || evaluateDriveQuery(ast, item, model)))
    : [];
  matched.sort((a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return a.seq - b.seq;
  });

  const page = matched.slice(offset, offset + pageSize);
  const includeMd5 = selects(fields, ['files', 'md5Checksum']);
  const files = await Promise.all(page.map((item) => toFileResource(model, item, includeMd5)));
  const next = offset + pageSize < matched.length ? encodeOffsetToken(offset + pageSize, binding) : undefined;
  const body = { kind: 'drive#fileList', incompleteSearch: false, ...(next ? { nextPageToken: next } : {}), files };
  return json(projectFields(body, fields));
}
