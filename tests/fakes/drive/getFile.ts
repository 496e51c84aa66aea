// files.get: metadata with `fields`, or the bytes with alt=media and Range.
import { DriveHttpError } from './DriveHttpError';
import type { DriveModel } from './DriveModel';
import { projectFields, selects } from './projectFields';
import { boolParam, fieldsParam } from './queryParams';
import type { Reply } from './Reply';
import { json } from './Reply';
import { toFileResource } from './toFileResource';
import type { DriveItem } from './types';
import { GOOGLE_APPS_PREFIX } from './types';

const DEFAULT_FIELDS = 'kind,id,name,mimeType';

export function findVisibleItem(model: DriveModel, fileId: string, query: URLSearchParams): DriveItem {
  const item = model.get(fileId);
  const supportsAllDrives = boolParam(query, 'supportsAllDrives') || boolParam(query, 'supportsTeamDrives');
  // Shared-drive items are invisible to callers that do not declare shared-drive support.
  if (!item || (item.driveId !== undefined && !supportsAllDrives)) throw DriveHttpError.fileNotFound(fileId);
  return item;
}

export async function getFileMetadata(model: DriveModel, fileId: string, query: URLSearchParams): Promise<Reply> {
  const alt = query.get('alt');
  if (alt !== null && alt !== 'json') throw DriveHttpError.invalidParameter('alt');
  const item = findVisibleItem(model, fileId, query);
  const fields = fieldsParam(query, DEFAULT_FIELDS);
  const resource = await toFileResource(model, item, selects(fields, ['md5Checksum']));
  return json(projectFields(resource, fields));
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** RFC 9110 single byte range; malformed or multi-range headers are ignored (whole body). */
export function parseRange(header: string | undefined, size: number): ByteRange {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

export function getFileMedia(model: DriveModel, fileId: string, query: URLSearchParams, rangeHeader: string | undefined): Reply {
  const item = findVisibleItem(model, fileId, query);
  if (item.mimeType.startsWith(GOOGLE_APPS_PREFIX) || !item.content) {
    throw new DriveHttpError(403, {
      domain: 'global',
      reason: 'fileNotDownloadable',
      message: 'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
      locationType: 'parameter',
      location: 'alt',
    });
  }
  if (item.abusive && !boolParam(query, 'acknowledgeAbuse')) {
    throw new DriveHttpError(403, {
      domain: 'global',
      reason: 'cannotDownloadAbusiveFile',
      message: 'This file has been identified as malware or spam and cannot be downloaded.',
    });
  }
  const { content } = item;
  const range = parseRange(rangeHeader, content.size);
  if (range === 'unsatisfiable') {
    return json(
      new DriveHttpError(416, { domain: 'global', reason: 'requestedRangeNotSatisfiable', message: 'Request range not satisfiable' }).body(),
      416,
      { 'content-range': `bytes */${content.size}` },
    );
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? content.size - 1;
  const headers: Record<string, string> = {
    'content-type': item.mimeType,
    'content-length': String(end - start + 1),
    'accept-ranges': 'bytes',
  };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${content.size}`;
  return { kind: 'stream', status: range ? 206 : 200, headers, stream: content.createReadStream(start, end) };
}
