/**
 * Every DynamoDB key the project writes, built in one place. Every partition key
 * begins with the tenant (`T#<tenantId>`), so one tenant's items can never be read
 * through another's key. The exceptions are documented in docs/DATA_MODEL.md:
 * the due-sources index (read only by the dispatcher), the local-mode login
 * lookup (email → tenant, used only by the local sign-in) and the one-time
 * enrolment codes (code hash → tenant and agent, used only by enrolment).
 */

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Shards of the due index: spreads the dispatcher's writes over partitions. */
export const DUE_SHARDS = 4;

const tenantPk = (tenantId: string): string => `T#${tenantId}`;
const sourcePk = (tenantId: string, sourceId: string): string => `T#${tenantId}#S#${sourceId}`;
/** Characters of a tracking code that pick its search partition (and the shortest prefix search). */
export const CODE_SHARD_LENGTH = 4;
const codePk = (tenantId: string, code: string): string => `T#${tenantId}#CODE#${code.slice(0, CODE_SHARD_LENGTH)}`;

export const tableKeys = {
  tenant: (tenantId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: 'TENANT' }),
  user: (tenantId: string, userId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `USER#${userId}` }),
  /** A tenant's API request count in one rate-limit window (epoch seconds); its own partition, apart from the tenant's data. */
  tenantRequestWindow: (tenantId: string, windowStart: number): ItemKey => ({ pk: `${tenantPk(tenantId)}#RATE`, sk: `W#${windowStart}` }),
  localLogin: (email: string): ItemKey => ({ pk: `LOGIN#${email.toLowerCase()}`, sk: 'LOGIN' }),
  source: (tenantId: string, sourceId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `SOURCE#${sourceId}` }),
  sourcesOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: 'SOURCE#' }),
  syncState: (tenantId: string, sourceId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `SYNCSTATE#${sourceId}` }),
  camera: (tenantId: string, sourceId: string, cameraId: string): ItemKey => ({
    pk: tenantPk(tenantId),
    sk: `CAMERA#${sourceId}#${cameraId}`,
  }),
  run: (tenantId: string, sourceId: string, runId: string): ItemKey => ({ pk: sourcePk(tenantId, sourceId), sk: `RUN#${runId}` }),
  runsOfSource: (tenantId: string, sourceId: string): { pk: string; skPrefix: string } => ({
    pk: sourcePk(tenantId, sourceId),
    skPrefix: 'RUN#',
  }),
  file: (tenantId: string, sourceId: string, providerFileId: string): ItemKey => ({
    pk: sourcePk(tenantId, sourceId),
    sk: `FILE#${providerFileId}`,
  }),
  googleConnection: (tenantId: string, connectionId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `GCONN#${connectionId}` }),
  googleConnectionsOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: 'GCONN#' }),
  oauthAttempt: (tenantId: string, state: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `OAUTH#${state}` }),
  objectKeyClaim: (tenantId: string, sourceId: string, s3Key: string): ItemKey => ({ pk: sourcePk(tenantId, sourceId), sk: `KEY#${s3Key}` }),
  folder: (tenantId: string, sourceId: string, folderId: string): ItemKey => ({ pk: sourcePk(tenantId, sourceId), sk: `FOLDER#${folderId}` }),
  agent: (tenantId: string, agentId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `AGENT#${agentId}` }),
  agentsOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: 'AGENT#' }),
  agentUpload: (tenantId: string, agentId: string, uploadId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `UPLOAD#${agentId}#${uploadId}` }),
  agentUploadsOfAgent: (tenantId: string, agentId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: `UPLOAD#${agentId}#` }),
  /** Found by the code alone (the agent does not know its tenant yet); holds only the code's hash and the tenant and agent it enrols. */
  enrolmentCode: (codeHash: string): ItemKey => ({ pk: `ENROL#${codeHash}`, sk: 'ENROL' }),
  /** An event's full record by id (`GET /api/events/{id}`, clip updates); its own partition spreads a tenant's load. */
  event: (tenantId: string, eventId: string): ItemKey => ({ pk: `T#${tenantId}#EVENT#${eventId}`, sk: 'EVENT' }),
  /** The same record on its camera's time line, in the source's partition: timeline, replaceWindow, deleteBySource. */
  eventOnCamera: (tenantId: string, sourceId: string, cameraId: string, startIso: string, eventId: string): ItemKey => ({
    pk: sourcePk(tenantId, sourceId),
    sk: `EVENT#${cameraId}#${startIso}#${eventId}`,
  }),
  eventsOfCamera: (tenantId: string, sourceId: string, cameraId: string): { pk: string; skPrefix: string } => ({
    pk: sourcePk(tenantId, sourceId),
    skPrefix: `EVENT#${cameraId}#`,
  }),
  eventsOfSource: (tenantId: string, sourceId: string): { pk: string; skPrefix: string } => ({ pk: sourcePk(tenantId, sourceId), skPrefix: 'EVENT#' }),
  /**
   * The same record once per tracking code, for search. The partition is the
   * tenant and the code's first 4 characters (a prefix search needs at least 4,
   * so it always reads one partition); the sort key starts with the whole code
   * and a space (never part of a normalised code), then the start, so one code's
   * events read newest first and `begins_with` serves prefixes.
   */
  eventByCode: (tenantId: string, trackingCode: string, startIso: string, eventId: string): ItemKey => ({
    pk: codePk(tenantId, trackingCode),
    sk: `${trackingCode} ${startIso} ${eventId}`,
  }),
  eventsOfCode: (tenantId: string, trackingCode: string): { pk: string; skPrefix: string } => ({
    pk: codePk(tenantId, trackingCode),
    skPrefix: `${trackingCode} `,
  }),
  /** What processing made of a stored file (processed or unprocessable, per revision). */
  fileProcessing: (tenantId: string, sourceId: string, providerFileId: string): ItemKey => ({ pk: sourcePk(tenantId, sourceId), sk: `PROCESSED#${providerFileId}` }),
  /** A processed recording of a clips-only source waiting for its next one before its footage may expire (core/storage/clippedFootage.ts). */
  clippedFootageWait: (tenantId: string, sourceId: string, providerFileId: string): ItemKey => ({ pk: sourcePk(tenantId, sourceId), sk: `CLIPWAIT#${providerFileId}` }),
  /** `prefix` must hold at least CODE_SHARD_LENGTH characters. */
  eventsOfCodePrefix: (tenantId: string, prefix: string): { pk: string; skPrefix: string } => ({ pk: codePk(tenantId, prefix), skPrefix: prefix }),
  /** A share link of one event; listed by `sharesOfEvent`. */
  shareLink: (tenantId: string, eventId: string, shareId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `SHARE#${eventId}#${shareId}` }),
  sharesOfEvent: (tenantId: string, eventId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: `SHARE#${eventId}#` }),
  sharesOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: 'SHARE#' }),
  /** Found by the token alone (a visitor without an account); holds only the token's hash and which tenant's link it is. */
  shareToken: (tokenHash: string): ItemKey => ({ pk: `SHARETOKEN#${tokenHash}`, sk: 'SHARETOKEN' }),
  usersOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: 'USER#' }),
  /** A pending invite, one per email and tenant. */
  invite: (tenantId: string, email: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `INVITE#${email.toLowerCase()}` }),
  invitesOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: 'INVITE#' }),
  /** Local mode: found by an invite link's token alone (the invitee has no account yet); holds the token's hash, the tenant and the email. */
  inviteToken: (tokenHash: string): ItemKey => ({ pk: `INVITETOKEN#${tokenHash}`, sk: 'INVITETOKEN' }),
  /** A tenant's audit trail in its own partition; the sort key (time, then id) reads newest first backwards. */
  auditEntry: (tenantId: string, at: string, entryId: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#AUDIT`, sk: `${at}#${entryId}` }),
  auditOfTenant: (tenantId: string): { pk: string } => ({ pk: `${tenantPk(tenantId)}#AUDIT` }),
  /** A tenant's storage choices: retention, per-source overrides, usage alert. */
  storageSettings: (tenantId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: 'STORAGE' }),
  /** The tenant's re-tagging job after a retention change (one at a time; a newer change restarts it). */
  retagJob: (tenantId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: 'RETAG' }),
  /** A keep flag (open dispute) on one order: its clip is never expired. */
  keepFlag: (tenantId: string, eventId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `KEEP#${eventId}` }),
  /** The usage alert's record for one month (YYYY-MM): written once, when the threshold is first crossed. */
  storageAlert: (tenantId: string, month: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `STORAGEALERT#${month}` }),
  /** One stored object of the tenant (the storage ledger), by object key; its own partition per tenant. */
  storedObject: (tenantId: string, key: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#OBJ`, sk: key }),
  storedObjectsOfTenant: (tenantId: string): { pk: string } => ({ pk: `${tenantPk(tenantId)}#OBJ` }),
  /** Usage counters of a camera: `TOTAL#<source>#<camera>`, `DAY#<day>#<source>#<camera>` (a tenant's are their sums). */
  usageCounter: (tenantId: string, scope: { day?: string; sourceId?: string; cameraId?: string }): ItemKey => ({
    pk: `${tenantPk(tenantId)}#USAGE`,
    sk: [scope.day === undefined ? 'TOTAL' : `DAY#${scope.day}`, ...(scope.sourceId === undefined ? [] : [scope.sourceId, scope.cameraId ?? ''])].join('#'),
  }),
  usageCountersOfTenant: (tenantId: string): { pk: string } => ({ pk: `${tenantPk(tenantId)}#USAGE` }),
  /** A camera's processed footage unit (file or agent window), as its read counters counted it: `UNIT#<source>#<unit>`. */
  cameraReadUnit: (tenantId: string, sourceId: string, unitId: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#CAMREAD`, sk: `UNIT#${sourceId}#${unitId}` }),
  /** A camera's read counters for one UTC day: files, codes, decode failures, footage seconds. */
  cameraReadDay: (tenantId: string, day: string, sourceId: string, cameraId: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#CAMREAD`, sk: `DAY#${day}#${sourceId}#${cameraId}` }),
  cameraReadsOfTenant: (tenantId: string): { pk: string } => ({ pk: `${tenantPk(tenantId)}#CAMREAD` }),
  /** A camera's health as last judged (status, problems, since when): `STATE#<camera key>`. */
  cameraHealthState: (tenantId: string, cameraKey: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#CAMHEALTH`, sk: `STATE#${cameraKey}` }),
  /**
   * One change of a camera's health, by time: `HIST#<at>#<camera key>#<state version>`. The version keeps
   * two changes at one instant apart (a recovery, and an outage dated back to it).
   */
  cameraHealthChange: (tenantId: string, at: string, cameraKey: string, version: number): ItemKey => ({
    pk: `${tenantPk(tenantId)}#CAMHEALTH`,
    sk: `HIST#${at}#${cameraKey}#${String(version).padStart(10, '0')}`,
  }),
  cameraHealthOfTenant: (tenantId: string): { pk: string } => ({ pk: `${tenantPk(tenantId)}#CAMHEALTH` }),
  /** A health alert the tenant dismissed: one per camera and kind of problem, holding the incident it hides. */
  cameraAlertDismissal: (tenantId: string, cameraKey: string, kind: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#CAMHEALTH`, sk: `DISMISS#${cameraKey}#${kind}` }),
  /** The tenant has cameras for the scheduled health judgement to look at (listed by cameraWatchIndex). */
  cameraHealthWatch: (tenantId: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#CAMHEALTH`, sk: 'WATCH' }),
  /** A camera added from the web app (core/cameras/siteCamera.ts). */
  siteCamera: (tenantId: string, cameraId: string): ItemKey => ({ pk: tenantPk(tenantId), sk: `SITECAM#${cameraId}` }),
  siteCamerasOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: tenantPk(tenantId), skPrefix: 'SITECAM#' }),
  /** A request from the web app to an agent about a camera (core/cameras/cameraRequest.ts); removed by TTL. */
  cameraRequest: (tenantId: string, requestId: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#CAMREQ`, sk: `CAMREQ#${requestId}` }),
  cameraRequestsOfTenant: (tenantId: string): { pk: string; skPrefix: string } => ({ pk: `${tenantPk(tenantId)}#CAMREQ`, skPrefix: 'CAMREQ#' }),
  /** When the tenant's Cameras page was last open (agents ask for camera requests often meanwhile). */
  camerasInterest: (tenantId: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#CAMREQ`, sk: 'INTEREST' }),
  /**
   * A tenant its owner deleted, until its background deletion is done; its own
   * partition, so purging the tenant's partitions never removes it before the end.
   */
  tenantDeletion: (tenantId: string): ItemKey => ({ pk: `${tenantPk(tenantId)}#DELETION`, sk: 'DELETION' }),
  /** A source's own partition (files, runs, key claims, folder index, time line). */
  sourcePartition: (tenantId: string, sourceId: string): { pk: string } => ({ pk: sourcePk(tenantId, sourceId) }),
  /**
   * The partitions a deleted tenant leaves once its sources (their own partitions,
   * events and codes) are gone: the tenant's items, then its audit trail, ledger,
   * counters, camera health and requests, and rate windows.
   */
  tenantPartitions: (tenantId: string): readonly string[] =>
    ['', '#AUDIT', '#OBJ', '#USAGE', '#CAMREAD', '#CAMHEALTH', '#CAMREQ', '#RATE'].map((suffix) => `${tenantPk(tenantId)}${suffix}`),
} as const;

/** gsi1: sources that are scheduled, ordered by when they are due. */
export const dueIndex = {
  name: 'gsi1',
  partition: (shard: number): string => `DUE#${shard}`,
  sortKey: (nextSyncAt: string, tenantId: string, sourceId: string): string => `${nextSyncAt}#${tenantId}#${sourceId}`,
  /** Everything due at or before `now` sorts below this bound. */
  upperBound: (now: string): string => `${now}#\uffff`,
  shardOf: (tenantId: string, sourceId: string): number => stableHash(`${tenantId}#${sourceId}`) % DUE_SHARDS,
} as const;

/** gsi2: a source's tracked files by status, newest change first. */
export const filesByStatusIndex = {
  name: 'gsi2',
  partition: (tenantId: string, sourceId: string, status: string): string => `T#${tenantId}#S#${sourceId}#STATUS#${status}`,
} as const;

/**
 * gsi2, second use: sources held by a run's claim, oldest claim first, so the
 * dispatcher can find runs whose execution died (sparse: only while claimed).
 * Partitions never start with `T#`, so they cannot meet a tenant's files.
 */
export const claimsIndex = {
  name: 'gsi2',
  partition: (shard: number): string => `CLAIMS#${shard}`,
  sortKey: (claimedAt: string, tenantId: string, sourceId: string): string => `${claimedAt}#${tenantId}#${sourceId}`,
  /** Claims made before `time` sort below this bound. */
  before: (time: string): string => `${time}#`,
} as const;

/**
 * gsi2, third use: tenants whose re-tagging job is running, oldest first (sparse:
 * only while running), so the background worker finds them without a scan.
 */
export const retagIndex = {
  name: 'gsi2',
  partition: 'RETAG',
  sortKey: (startedAt: string, tenantId: string): string => `${startedAt}#${tenantId}`,
} as const;

/**
 * gsi2, fifth use: share links that keep their order's clip, by when they expire
 * (sparse: only until the hold is released), so the storage worker releases the
 * holds of links that expired without a scan.
 */
export const shareHoldIndex = {
  name: 'gsi2',
  partition: 'SHAREHOLD',
  sortKey: (expiresAt: string, tenantId: string, eventId: string, shareId: string): string => `${expiresAt}#${tenantId}#${eventId}#${shareId}`,
  before: (time: string): string => `${time}#`,
} as const;

/**
 * gsi2, fourth use: storage ledger entries whose counter change is not yet
 * applied, oldest first (sparse: only from the entry's write until its counters
 * are added), so a reconciler finds changes a crashed process left half done.
 */
export const ledgerPendingIndex = {
  name: 'gsi2',
  partition: 'LEDGERPENDING',
  sortKey: (at: string, tenantId: string, key: string): string => `${at}#${tenantId}#${key}`,
  /** Entries written before `time` sort below this bound. */
  before: (time: string): string => `${time}#`,
} as const;

/**
 * gsi2, sixth use: clips-only footage waiting for its next recording, by when
 * it expires anyway (sparse: only while it waits), so the storage worker finds
 * what is due without a scan.
 */
export const clippedFootageIndex = {
  name: 'gsi2',
  partition: 'CLIPWAIT',
  sortKey: (dueAt: string, tenantId: string, sourceId: string, providerFileId: string): string => `${dueAt}#${tenantId}#${sourceId}#${providerFileId}`,
  before: (time: string): string => `${time}#`,
} as const;

/**
 * gsi2, seventh use: tenants that have cameras to judge (sparse: one item per
 * such tenant), so the scheduled health judgement finds them without a scan.
 */
export const cameraWatchIndex = {
  name: 'gsi2',
  partition: 'CAMWATCH',
  sortKey: (tenantId: string): string => tenantId,
} as const;

/**
 * gsi2, eighth use: tenants being deleted, oldest request first (sparse: one
 * item per such tenant, removed when nothing of it is left), so the dispatcher
 * continues each deletion without a scan.
 */
export const tenantDeletionIndex = {
  name: 'gsi2',
  partition: 'TENANTDELETE',
  sortKey: (requestedAt: string, tenantId: string): string => `${requestedAt}#${tenantId}`,
} as const;

/** FNV-1a: stable across processes and runtimes, unlike anything seeded. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
