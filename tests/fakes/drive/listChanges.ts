// changes.getStartPageToken and changes.list over the model's ChangeLog.
// Each change carries the file's current state (or removed: true once it is
// gone), filtered by the shared-drive and My-Drive parameters Drive honours.
import { DriveHttpError } from './DriveHttpError';
import type { DriveModel } from './DriveModel';
import type { ChangeEntry } from './ChangeLog';
import { projectFields, selects } from './projectFields';
import { boolParam, fieldsParam, pageSizeParam } from './queryParams';
import type { Reply } from './Reply';
import { json } from './Reply';
import { toFileResource } from './toFileResource';

const DEFAULT_FIELDS =
  'kind,nextPageToken,newStartPageToken,changes(kind,changeType,time,removed,fileId,driveId,file(kind,id,name,mimeType),drive(kind,id,name))';
const KNOWN_SPACES = new Set(['drive', 'appDataFolder', 'photos']);

export function getStartPageToken(model: DriveModel, query: URLSearchParams): Reply {
  const driveId = query.get('driveId');
  if (driveId !== null) {
    if (!boolParam(query, 'supportsAllDrives')) throw DriveHttpError.badRequest('supportsAllDrives must be true when driveId is set.', 'driveId');
    if (!model.getSharedDrive(driveId)) throw new DriveHttpError(404, { domain: 'global', reason: 'notFound', message: `Shared drive not found: ${driveId}` });
  }
  return json({ kind: 'drive#startPageToken', startPageToken: model.changes.startPageToken() });
}

export async function listChanges(model: DriveModel, query: URLSearchParams): Promise<Reply> {
  const pageToken = query.get('pageToken');
  if (pageToken === null) throw DriveHttpError.badRequest('Required parameter: pageToken', 'pageToken');
  const pageSize = pageSizeParam(query, 100, 1000);
  const fields = fieldsParam(query, DEFAULT_FIELDS);
  const includeRemoved = boolParam(query, 'includeRemoved', true);
  const restrictToMyDrive = boolParam(query, 'restrictToMyDrive');
  const supportsAllDrives = boolParam(query, 'supportsAllDrives') || boolParam(query, 'supportsTeamDrives');
  const includeAll = (boolParam(query, 'includeItemsFromAllDrives') || boolParam(query, 'includeTeamDriveItems')) && supportsAllDrives;
  const driveId = query.get('driveId');
  if (driveId !== null && !supportsAllDrives) throw DriveHttpError.badRequest('supportsAllDrives must be true when driveId is set.', 'driveId');
  const spaces = (query.get('spaces') ?? 'drive').split(',');
  if (spaces.some((s) => !KNOWN_SPACES.has(s))) throw DriveHttpError.invalidParameter('spaces');

  const visible = (entry: ChangeEntry): boolean => {
    if (!spaces.includes('drive')) return false; // the fake models no appData or photos content
    if (driveId !== null) return entry.driveId === driveId;
    if (entry.changeType === 'drive') return includeAll && !restrictToMyDrive;
    if (entry.driveId !== undefined) return includeAll && !restrictToMyDrive;
    return true;
  };

  const entries = model.changes.readFrom(pageToken).filter((entry) => {
    if (!visible(entry)) return false;
    const gone = entry.changeType === 'file' ? !model.get(entry.id) : !model.getSharedDrive(entry.id);
    return includeRemoved || !gone;
  });
  const page = entries.slice(0, pageSize);
  const following = entries[pageSize];
  const includeMd5 = selects(fields, ['changes', 'file', 'md5Checksum']);

  const changes = await Promise.all(
    page.map(async (entry) => {
      const base = { kind: 'drive#change', changeType: entry.changeType, time: entry.time };
      if (entry.changeType === 'drive') {
        const drive = model.getSharedDrive(entry.id);
        return {
          ...base,
          removed: !drive,
          driveId: entry.id,
          ...(drive ? { drive: { kind: 'drive#drive', id: drive.id, name: drive.name, createdTime: drive.createdTime } } : {}),
        };
      }
      const item = model.get(entry.id);
      return {
        ...base,
        removed: !item,
        fileId: entry.id,
        ...(entry.driveId ? { driveId: entry.driveId } : {}),
        ...(item ? { file: await toFileResource(model, item, includeMd5) } : {}),
      };
    }),
  );
  const body = {
    kind: 'drive#changeList',
    ...(following ? { nextPageToken: String(following.seq) } : { newStartPageToken: model.changes.startPageToken() }),
    changes,
  };
  return json(projectFields(body, fields));
}
