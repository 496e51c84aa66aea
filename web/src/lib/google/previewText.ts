/**
 * The preview's findings in the page's language, from the codes the API sends
 * beside its English text (core/providers/videoFileFilter.ts,
 * core/sync/walkFolders.ts, core/agents/folderListing.ts): the words are ours,
 * never the API's, so a Vietnamese page shows no English.
 */
import { m } from '../../paraglide/messages.js';
import type { AgentListingView, MappingPreview } from '../api/types';

type Skipped = MappingPreview['skipped'][number];
type Note = MappingPreview['noteDetails'][number];

/** Why a group of files is skipped; an unknown code (a newer server) says only that it is no video. */
export function skipReason(skipped: Pick<Skipped, 'code' | 'detail'>): string {
  switch (skipped.code) {
    case 'google_document':
      return m.skip_google_document({ kind: skipped.detail ?? '' });
    case 'temporary':
      return m.skip_temporary();
    case 'empty':
      return m.skip_empty();
    default:
      return m.skip_not_video({ type: skipped.detail ?? m.skip_unknown_type() });
  }
}

export function noteText(note: Note): string {
  const values = { path: note.relativePath, name: note.name };
  return note.code === 'shortcut_unreadable' ? m.note_shortcut_unreadable(values) : m.note_folder_taken(values);
}

/** Why an agent cannot read a folder; agents that send no code get the general words. */
export function folderProblem(code: AgentListingView['errorCode']): string {
  switch (code) {
    case 'no_permission':
      return m.folder_problem_no_permission();
    case 'not_found':
      return m.folder_problem_not_found();
    case 'not_a_folder':
      return m.folder_problem_not_a_folder();
    case 'unavailable':
      return m.folder_problem_unavailable();
    default:
      return m.folder_problem_unreadable();
  }
}
