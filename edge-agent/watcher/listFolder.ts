import type { FolderListing } from '../../core/agents/folderListing';
import { scanFolder } from './scanFolder';

/** At most this many files go to the cloud for a preview; enough to see every camera of a site. */
const MAX_FILES = 500;
/** And at most this much text, so the answer fits the agent's item in the cloud. */
const MAX_CHARS = 150_000;

/**
 * A folder as the web app's mapping preview needs it: the files below it with
 * their sizes and modification times (oldest paths first), or why it cannot be
 * read. The same walk as the watcher's (symbolic links are not followed).
 */
export async function listFolder(root: string): Promise<FolderListing> {
  const scan = await scanFolder(root);
  const rootProblem = scan.problems.find((problem) => problem.relativePath === '.');
  if (rootProblem !== undefined) return { path: root, files: [], truncated: false, error: `the folder cannot be read: ${rootProblem.reason}`, errorCode: rootProblem.code };
  const files: FolderListing['files'][number][] = [];
  let chars = 0;
  for (const file of scan.files) {
    const item = { relativePath: file.relativePath, bytes: file.size, modifiedTime: new Date(file.mtimeMs).toISOString() };
    chars += JSON.stringify(item).length;
    if (files.length >= MAX_FILES || chars > MAX_CHARS) return { path: root, files, truncated: true, error: null, errorCode: null };
    files.push(item);
  }
  return { path: root, files, truncated: false, error: null, errorCode: null };
}
