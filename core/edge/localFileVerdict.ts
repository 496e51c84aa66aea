import { videoFileVerdict, type VideoFilterVerdict } from '../providers/videoFileFilter';
import { FILE_REASONS } from '../sync/fileReasons';

/**
 * Names copy tools, browsers and editors give a file while it is being written,
 * or that an operating system leaves beside real files. Such a file is never
 * taken: the finished file appears under its real name.
 */
const TEMPORARY_NAME = /(^\.|^~\$|\.(part|partial|tmp|temp|crdownload|filepart|download|!qB|swp)$)/i;

/** Whether a file in a watched local folder is footage to take, and why not. */
export function localFileVerdict(fileName: string, size: number): VideoFilterVerdict {
  if (TEMPORARY_NAME.test(fileName)) return { take: false, code: 'temporary', detail: null, reason: FILE_REASONS.temporary };
  const verdict = videoFileVerdict({ name: fileName, mimeType: '', size });
  if (!verdict.take) return verdict;
  if (size === 0) return { take: false, code: 'empty', detail: null, reason: FILE_REASONS.empty };
  return verdict;
}
