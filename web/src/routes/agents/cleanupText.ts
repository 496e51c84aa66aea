import type { CleanupSummary } from '../../lib/api/types';
import { formatBytes } from '../../lib/format/bytes';
import { plural } from '../../lib/format/plural';

/** "2 files (1.2 GB): 1 past retention, 1 already uploaded (oldest first)" — the disk guard's last deletions in words. */
export function cleanupText(last: CleanupSummary): string {
  const why = [
    last.reasons.retention > 0 ? `${last.reasons.retention} kept long enough after upload` : '',
    last.reasons.uploaded_oldest > 0 ? `${last.reasons.uploaded_oldest} already uploaded, oldest first` : '',
    last.reasons.not_uploaded_dropped > 0 ? `${last.reasons.not_uploaded_dropped} not uploaded yet, dropped because the disk was full` : '',
  ].filter((part) => part !== '');
  return `${plural(last.files, 'file')} (${formatBytes(last.bytes)}) deleted: ${why.join('; ')}`;
}
