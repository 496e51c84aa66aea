// Maps a request line to the Drive/OAuth operation it invokes, the way the
// googleapis client and google-auth-library address them.
import type { Operation } from './types';

export interface Route {
  operation: Operation;
  /** files.get's fileId or drives.get's driveId. */
  id: string | undefined;
  /** Drive API operations need a bearer token; OAuth endpoints do not. */
  needsBearer: boolean;
}

const DRIVE = '/drive/v3';

export function identifyRoute(method: string, url: URL): Route {
  const path = url.pathname;
  const drive = (operation: Operation, id?: string): Route => ({ operation, id, needsBearer: true });
  if (method === 'GET' && path.startsWith(`${DRIVE}/`)) {
    const rest = path.slice(DRIVE.length);
    if (rest === '/files') return drive('files.list');
    const file = /^\/files\/([^/]+)$/.exec(rest);
    if (file) {
      const fileId = decodeURIComponent(file[1] as string);
      return drive(url.searchParams.get('alt') === 'media' ? 'files.get.media' : 'files.get', fileId);
    }
    if (rest === '/changes') return drive('changes.list');
    if (rest === '/changes/startPageToken') return drive('changes.getStartPageToken');
    if (rest === '/about') return drive('about.get');
    if (rest === '/drives') return drive('drives.list');
    const sharedDrive = /^\/drives\/([^/]+)$/.exec(rest);
    if (sharedDrive) return drive('drives.get', decodeURIComponent(sharedDrive[1] as string));
  }
  if (method === 'GET' && path === '/o/oauth2/v2/auth') return { operation: 'oauth.authorize', id: undefined, needsBearer: false };
  if (method === 'POST' && path === '/token') return { operation: 'token', id: undefined, needsBearer: false };
  if (method === 'POST' && path === '/revoke') return { operation: 'revoke', id: undefined, needsBearer: false };
  return { operation: 'unknown', id: undefined, needsBearer: false };
}
