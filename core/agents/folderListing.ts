import { z } from 'zod';

/** How many files an agent lists at most for the web app's mapping preview. */
export const MAX_LISTED_FILES = 2000;

/**
 * Why an agent could not read a folder, for a client to word itself:
 * `no_permission`, `not_found` (moved, deleted, a share not mounted),
 * `not_a_folder`, `unavailable` (the disk or share did not answer), `unreadable` (anything else).
 */
export const folderProblemCodes = ['no_permission', 'not_found', 'not_a_folder', 'unavailable', 'unreadable'] as const;
export type FolderProblemCode = (typeof folderProblemCodes)[number];

/**
 * A folder on the agent's computer as the agent saw it, for the web app's
 * mapping preview of a local-folder source: the files below it (relative
 * paths, sizes, modification times), cut at MAX_LISTED_FILES.
 */
export const folderListingSchema = z.strictObject({
  path: z.string().min(1).max(1024),
  files: z
    .array(z.strictObject({ relativePath: z.string().min(1).max(2048), bytes: z.number().int().min(0), modifiedTime: z.string().max(40) }))
    .max(MAX_LISTED_FILES),
  truncated: z.boolean(),
  /** Why the folder could not be read (not there, no permission); null when it was. */
  error: z.string().max(500).nullable(),
  /** The code of `error` (agents before 0.2 send none). */
  errorCode: z.enum(folderProblemCodes).nullable().optional(),
});
export type FolderListing = z.output<typeof folderListingSchema>;
