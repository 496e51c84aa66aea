import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FolderProblemCode } from '../../core/agents/folderListing';

export interface ScannedFile {
  /** Below the watched root, folders joined by '/'. */
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface ScanProblem {
  readonly relativePath: string;
  readonly code: FolderProblemCode;
  readonly reason: string;
}

export interface FolderScan {
  readonly files: readonly ScannedFile[];
  /** Folders that could not be read (permissions, a mount that went away); the rest of the scan goes on. */
  readonly problems: readonly ScanProblem[];
}

/**
 * Lists every regular file below `root`. Symbolic links are not followed, so a
 * link loop on a NAS share cannot make the scan endless, and a file is never
 * listed twice under two names. A full scan is what finds files on network
 * mounts, where change notifications do not arrive.
 */
export async function scanFolder(root: string): Promise<FolderScan> {
  const files: ScannedFile[] = [];
  const problems: ScanProblem[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop() ?? '';
    let dir;
    try {
      dir = await opendir(path.join(root, relativeDir));
    } catch (error) {
      problems.push({ relativePath: relativeDir || '.', code: fsProblemCode(error), reason: describeFsError(error) });
      continue;
    }
    for await (const entry of dir) {
      const relativePath = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) pending.push(relativePath);
      else if (entry.isFile()) {
        const absolutePath = path.join(root, relativePath);
        try {
          const info = await stat(absolutePath);
          files.push({ relativePath, absolutePath, size: info.size, mtimeMs: info.mtimeMs });
        } catch (error) {
          // Deleted or renamed between listing and stat: the next scan sees it as it is then.
          if (errorCode(error) !== 'ENOENT') problems.push({ relativePath, code: fsProblemCode(error), reason: describeFsError(error) });
        }
      }
    }
  }
  files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return { files, problems };
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

const NO_PERMISSION: FsProblem = { code: 'no_permission', reason: 'the agent has no permission to read it' };
const UNAVAILABLE: FsProblem = { code: 'unavailable', reason: 'the disk or network share did not answer' };

/** File system errors a person can act on: a code for the cloud and the web app to word, and the English for logs and API users. */
interface FsProblem {
  readonly code: FolderProblemCode;
  readonly reason: string;
}
const FS_PROBLEMS: ReadonlyMap<string, FsProblem> = new Map<string, FsProblem>([
  ['EACCES', NO_PERMISSION],
  ['EPERM', NO_PERMISSION],
  ['ENOENT', { code: 'not_found', reason: 'it does not exist (moved, deleted, or the share is not mounted)' }],
  ['ENOTDIR', { code: 'not_a_folder', reason: 'it is a file, not a folder' }],
  ['EIO', UNAVAILABLE],
  ['ESTALE', UNAVAILABLE],
  ['EHOSTDOWN', UNAVAILABLE],
]);

/** The code of a file system error; anything else is `unreadable`. */
export function fsProblemCode(error: unknown): FolderProblemCode {
  return FS_PROBLEMS.get(errorCode(error) ?? '')?.code ?? 'unreadable';
}

export function describeFsError(error: unknown): string {
  const known = FS_PROBLEMS.get(errorCode(error) ?? '');
  if (known) return known.reason;
  return error instanceof Error ? error.message : String(error);
}
