/** Where footage is kept; each type has its own config shape (sourceSchemas.ts). */
export const sourceTypes = ['google_drive', 'onvif', 'local'] as const;
export type SourceType = (typeof sourceTypes)[number];

/**
 * What the Sources page shows. `paused` sources are out of the due index;
 * `needs_reauth` ones too, until the tenant reconnects. `deleting`: the tenant
 * deleted it and the removal goes on in the background (continueDeletion).
 */
export const sourceStatuses = ['idle', 'syncing', 'paused', 'needs_reauth', 'error', 'deleting'] as const;
export type SourceStatus = (typeof sourceStatuses)[number];

/** Types pulled by an on-site edge agent rather than by the cloud sync machine. */
export const edgeSourceTypes: readonly SourceType[] = ['onvif', 'local'];
