// about.get, drives.list and drives.get: who the caller is, the quota, and the
// shared drives they can see.
import { DriveHttpError } from './DriveHttpError';
import type { DriveModel } from './DriveModel';
import type { Principal } from './oauthTypes';
import { projectFields } from './projectFields';
import { decodeOffsetToken, encodeOffsetToken, fieldsParam, pageSizeParam } from './queryParams';
import type { Reply } from './Reply';
import { json } from './Reply';
import type { SharedDrive } from './types';

export interface QuotaOptions {
  /** Total bytes; omit for an unlimited account (Drive then sends no `limit`). */
  limit?: number;
}

export function getAbout(model: DriveModel, principal: Principal, query: URLSearchParams, quota: QuotaOptions): Reply {
  // Drive v3 insists on a field selection for about.get.
  if (!query.get('fields')) throw DriveHttpError.badRequest("The 'fields' parameter is required for this method.", 'fields');
  const fields = fieldsParam(query, '*');
  const { usageInDrive, usageInDriveTrash } = model.usage();
  const body = {
    kind: 'drive#about',
    user: {
      kind: 'drive#user',
      displayName: principal.displayName,
      emailAddress: principal.email,
      me: true,
      permissionId: `fake-permission-${Buffer.from(principal.email).toString('hex').slice(0, 12)}`,
    },
    storageQuota: {
      ...(quota.limit !== undefined ? { limit: String(quota.limit) } : {}),
      usage: String(usageInDrive + usageInDriveTrash),
      usageInDrive: String(usageInDrive),
      usageInDriveTrash: String(usageInDriveTrash),
    },
    canCreateDrives: true,
  };
  return json(projectFields(body, fields));
}

function driveResource(drive: SharedDrive): Record<string, unknown> {
  return { kind: 'drive#drive', id: drive.id, name: drive.name, createdTime: drive.createdTime, hidden: false };
}

export function listDrives(model: DriveModel, query: URLSearchParams): Reply {
  if (query.get('q')) throw DriveHttpError.invalidParameter('q', 'The fake does not support q on drives.list.');
  const pageSize = pageSizeParam(query, 10, 100);
  const fields = fieldsParam(query, 'kind,nextPageToken,drives(kind,id,name)');
  const offset = decodeOffsetToken(query.get('pageToken'), 'drives');
  const all = model.sharedDrives();
  const next = offset + pageSize < all.length ? encodeOffsetToken(offset + pageSize, 'drives') : undefined;
  const body = {
    kind: 'drive#driveList',
    ...(next ? { nextPageToken: next } : {}),
    drives: all.slice(offset, offset + pageSize).map(driveResource),
  };
  return json(projectFields(body, fields));
}

export function getDrive(model: DriveModel, driveId: string, query: URLSearchParams): Reply {
  const drive = model.getSharedDrive(driveId);
  if (!drive) {
    throw new DriveHttpError(404, {
      domain: 'global',
      reason: 'notFound',
      message: `Shared drive not found: ${driveId}`,
      locationType: 'parameter',
      location: 'driveId',
    });
  }
  return json(projectFields(driveResource(drive), fieldsParam(query, 'kind,id,name')));
}
