import type { CleanupSummary } from '../../lib/api/types';
import { formatBytes } from '../../lib/format/bytes';
import { m } from '../../paraglide/messages.js';

/** "2 files (1.2 GB): 1 past retention, 1 already uploaded (oldest first)" — the disk guard's last deletions in words. */
export function cleanupText(last: CleanupSummary): string {
  const why = [
    last.reasons.retention > 0 ? m.cleanup_retention({ count: last.reasons.retention }) : '',
    last.reasons.uploaded_oldest > 0 ? m.cleanup_uploaded({ count: last.reasons.uploaded_oldest }) : '',
    (last.reasons.unreadable_reported ?? 0) > 0 ? m.cleanup_unreadable({ count: last.reasons.unreadable_reported ?? 0 }) : '',
    last.reasons.not_uploaded_dropped > 0 ? m.cleanup_dropped({ count: last.reasons.not_uploaded_dropped }) : '',
  ].filter((part) => part !== '');
  return m.cleanup_deleted({ files: m.files_count({ count: last.files }), size: formatBytes(last.bytes), why: why.join('; ') });
}
