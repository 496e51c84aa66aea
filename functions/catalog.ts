/**
 * The one list of Lambda functions. The CDK app (infra/aws) deploys each entry
 * from `entry` with esbuild; the local stack (infra/local) imports the very same
 * module and serves it the same way: HTTP routes through an API Gateway HTTP API
 * (payload v2) event, state machine tasks through the ASL interpreter. Adding a
 * function here is all either side needs. Cognito triggers exist in AWS only:
 * local mode has its own sign-in, so the local stack skips them.
 */
import type { Role } from '../core/accounts/role';
import { cameraFunctions } from './cameraCatalog';

export type FunctionKind = 'http' | 'task' | 'cognito-trigger';

/** User pool triggers a 'cognito-trigger' function can be; CDK attaches it to the pool. */
export type CognitoTrigger = 'postConfirmation';

/** Envelope encryption per purpose: Google grants (refresh tokens, service-account keys) and PKCE verifiers. */
export type KmsNeed = 'kms:google-connection' | 'kms:google-connection:open' | 'kms:pkce' | 'kms:camera-credentials' | 'kms:camera-credentials:open';

export interface FunctionSpec {
  /** Logical name: CDK construct id and the ${...Arn} placeholder stem in ASL files. */
  readonly name: string;
  /** Module path from the repository root; it exports `handler`. */
  readonly entry: string;
  readonly kind: FunctionKind;
  /** For http functions: `METHOD /api/path/{param}` as API Gateway writes routes. */
  readonly routes?: readonly string[];
  /** For cognito-trigger functions: which user pool trigger it is. Only AWS invokes these. */
  readonly trigger?: CognitoTrigger;
  /** False only for routes reachable without a signed-in identity. */
  readonly authenticated?: boolean;
  /**
   * Authenticated routes: the least role a member needs to call them (staff:
   * search, play, download, share; admin: sources, agents, cameras, connections,
   * settings; owner: the team and the tenant), for all the function's routes or
   * per route. The HTTP middleware enforces it; a route without one is refused.
   */
  readonly role?: Role | Readonly<Record<string, Role>>;
  /** Served by the local stack only, never deployed to AWS (local sign-in: Cognito takes its place there). */
  readonly localOnly?: boolean;
  /** What the function touches, so CDK grants no more than that. */
  /** 'google': the Google OAuth client settings and the public URL (environment only, no IAM). */
  /** 'page-tokens': the server key that authenticates page tokens (a Secrets Manager secret read at cold start). */
  /**
   * 'kms:<purpose>': seal and open secrets of that purpose with the app key (the
   * encryption context's `purpose`); 'kms:<purpose>:open' may only open them.
   */
  /** 'cognito:users': create and delete the user pool's users (team invites and removals; AWS only). */
  readonly needs: readonly ('table:read' | 'table:write' | 'bucket:read' | 'bucket:write' | 'sfn:start' | KmsNeed | 'google' | 'page-tokens' | 'cognito:users')[];
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  /**
   * Worker-thread scripts the function starts (repository paths); each is
   * bundled on its own and put beside the function's bundle, where the code
   * that starts it looks for it.
   */
  readonly workers?: readonly string[];
  /** CPU architecture; arm64 unless a bundled binary needs another. */
  readonly architecture?: 'arm64' | 'x86_64';
  /** Executables and data files (repository paths) copied beside the function's bundle, where the code looks for them. */
  readonly binaries?: readonly string[];
  /**
   * For task functions an EventBridge rule starts rather than a state machine:
   * 'every-minute' (a schedule; locally the local scheduler), or
   * 'footage-lifecycle-expiration' (S3's `Object Deleted` events of lifecycle
   * expirations in the footage bucket; locally the lifecycle sweeper).
   */
  readonly eventRule?: 'every-minute' | 'footage-lifecycle-expiration';
}

export const functionCatalog: readonly FunctionSpec[] = [
  {
    name: 'Health',
    entry: 'functions/api/health.ts',
    kind: 'http',
    routes: ['GET /api/health'],
    authenticated: false,
    needs: [],
  },
  {
    name: 'AuthConfig',
    entry: 'functions/api/auth/localAuth.ts',
    kind: 'http',
    routes: ['GET /api/auth/config'],
    authenticated: false,
    needs: [],
  },
  {
    name: 'LocalAuth',
    entry: 'functions/api/auth/localAuth.ts',
    kind: 'http',
    routes: ['POST /api/auth/local/sign-up', 'POST /api/auth/local/sign-in', 'POST /api/auth/local/accept-invite'],
    authenticated: false,
    localOnly: true,
    needs: ['table:read', 'table:write'],
  },
  {
    name: 'PostConfirmation',
    entry: 'functions/auth/postConfirmation.ts',
    kind: 'cognito-trigger',
    trigger: 'postConfirmation',
    needs: ['table:read', 'table:write'],
    // Cognito waits 5 seconds for a trigger, then retries.
    timeoutSeconds: 5,
  },
  {
    name: 'Me',
    entry: 'functions/api/me.ts',
    kind: 'http',
    routes: ['GET /api/me'],
    role: 'staff',
    needs: ['table:read'],
  },
  {
    name: 'TenantSettings',
    entry: 'functions/api/tenantSettings.ts',
    kind: 'http',
    routes: ['PATCH /api/tenant'],
    role: 'admin',
    needs: ['table:read', 'table:write'],
  },
  {
    name: 'TenantDeletion',
    entry: 'functions/api/tenantDeletion.ts',
    kind: 'http',
    routes: ['DELETE /api/tenant'],
    role: 'owner',
    // Cognito: every member's sign-in goes with the shop (AWS); the dispatcher deletes the stored data.
    needs: ['table:read', 'table:write', 'cognito:users'],
  },
  {
    name: 'Sources',
    entry: 'functions/api/sources/sourcesApi.ts',
    kind: 'http',
    routes: [
      'GET /api/sources',
      'POST /api/sources',
      'GET /api/sources/{sourceId}',
      'PATCH /api/sources/{sourceId}',
      'DELETE /api/sources/{sourceId}',
      'POST /api/sources/{sourceId}/sync',
      'POST /api/sources/{sourceId}/retry-failed',
      'GET /api/sources/{sourceId}/runs',
      'GET /api/sources/{sourceId}/files',
      'GET /api/sources/{sourceId}/summary',
      'GET /api/sources/{sourceId}/status',
    ],
    role: {
      'GET /api/sources': 'staff',
      'POST /api/sources': 'admin',
      'GET /api/sources/{sourceId}': 'staff',
      'PATCH /api/sources/{sourceId}': 'admin',
      'DELETE /api/sources/{sourceId}': 'admin',
      'POST /api/sources/{sourceId}/sync': 'admin',
      'POST /api/sources/{sourceId}/retry-failed': 'admin',
      'GET /api/sources/{sourceId}/runs': 'staff',
      'GET /api/sources/{sourceId}/files': 'staff',
      'GET /api/sources/{sourceId}/summary': 'staff',
      'GET /api/sources/{sourceId}/status': 'staff',
    },
    needs: ['table:read', 'table:write', 'sfn:start', 'bucket:read', 'bucket:write', 'page-tokens'],
  },
  {
    name: 'Google',
    entry: 'functions/api/google/googleApi.ts',
    kind: 'http',
    routes: [
      'GET /api/google/status',
      'POST /api/google/oauth/start',
      'POST /api/google/oauth/complete',
      'POST /api/google/service-accounts',
      'GET /api/google/connections',
      'DELETE /api/google/connections/{connectionId}',
      'POST /api/google/connections/{connectionId}/test',
      'GET /api/google/connections/{connectionId}/drives',
      'GET /api/google/connections/{connectionId}/folders',
      'POST /api/google/connections/{connectionId}/folder-names',
      'POST /api/google/connections/{connectionId}/preview',
    ],
    role: 'admin',
    needs: ['table:read', 'table:write', 'kms:google-connection', 'kms:pkce', 'google', 'page-tokens'],
    timeoutSeconds: 29,
  },
  ...cameraFunctions,
  {
    name: 'Agents',
    entry: 'functions/api/agents/agentsApi.ts',
    kind: 'http',
    routes: [
      'GET /api/agents',
      'POST /api/agents',
      'PATCH /api/agents/{agentId}',
      'POST /api/agents/{agentId}/enrolment',
      'POST /api/agents/{agentId}/revoke',
      'POST /api/agents/{agentId}/listing',
    ],
    role: 'admin',
    // The bucket: revoking an agent aborts its open multipart uploads.
    needs: ['table:read', 'table:write', 'bucket:write'],
  },
  {
    // Edge agents carry their own credential, checked by the function against its stored hash, not a user's JWT.
    name: 'AgentApi',
    entry: 'functions/api/agent/agentApi.ts',
    kind: 'http',
    routes: [
      'POST /api/agent/enrol',
      'GET /api/agent/config',
      'POST /api/agent/heartbeat',
      'POST /api/agent/uploads',
      'POST /api/agent/uploads/part-url',
      'POST /api/agent/uploads/complete',
      'POST /api/agent/uploads/abort',
      'POST /api/agent/events',
      'POST /api/agent/unprocessable-files',
      'GET /api/agent/camera-requests',
      'POST /api/agent/camera-requests/answer',
      'POST /api/agent/camera-snapshots',
    ],
    authenticated: false,
    // The bucket: it creates, completes and aborts the agents' multipart uploads and presigns their parts.
    needs: ['table:read', 'table:write', 'bucket:read', 'bucket:write', 'kms:camera-credentials:open'],
  },
  {
    name: 'Events',
    entry: 'functions/api/events/eventsApi.ts',
    kind: 'http',
    routes: [
      'POST /api/events/search',
      'GET /api/events',
      'GET /api/events/{eventId}',
      'GET /api/events/{eventId}/clip',
      'POST /api/events/{eventId}/shares',
      'GET /api/events/{eventId}/shares',
      'DELETE /api/events/{eventId}/shares/{shareId}',
      'POST /api/events/export',
      'GET /api/sources/{sourceId}/cameras/{cameraId}/events',
      'GET /api/sources/{sourceId}/cameras/{cameraId}/frame',
    ],
    // Search, play, download (exports) and share: what staff are for.
    role: 'staff',
    // bucket:read signs clip URLs and reads clips into an export; bucket:write writes the export.
    needs: ['table:read', 'table:write', 'bucket:read', 'bucket:write'],
    timeoutSeconds: 29,
    memoryMb: 512,
  },
  {
    // A share link's page: the token in the path is the credential, checked against its stored hash.
    name: 'PublicShare',
    entry: 'functions/api/shares/publicShareApi.ts',
    kind: 'http',
    routes: ['GET /api/public/shares/{token}'],
    authenticated: false,
    needs: ['table:read', 'bucket:read'],
  },
  {
    name: 'Team',
    entry: 'functions/api/team/teamApi.ts',
    kind: 'http',
    routes: [
      'GET /api/team',
      'POST /api/team/invites',
      'DELETE /api/team/invites/{inviteId}',
      'PATCH /api/team/members/{userId}',
      'DELETE /api/team/members/{userId}',
    ],
    role: {
      'GET /api/team': 'admin',
      'POST /api/team/invites': 'owner',
      'DELETE /api/team/invites/{inviteId}': 'owner',
      'PATCH /api/team/members/{userId}': 'owner',
      'DELETE /api/team/members/{userId}': 'owner',
    },
    needs: ['table:read', 'table:write', 'cognito:users'],
  },
  {
    name: 'Audit',
    entry: 'functions/api/audit/auditApi.ts',
    kind: 'http',
    routes: ['GET /api/audit'],
    role: 'admin',
    needs: ['table:read'],
  },
  {
    name: 'ClaimDueSources',
    entry: 'functions/sync/claimDueSources.ts',
    kind: 'task',
    // sfn:start also lets it see whether a claimed run's execution still runs; the bucket, to remove a dead run's manifests.
    needs: ['table:read', 'table:write', 'bucket:read', 'bucket:write', 'sfn:start'],
    memoryMb: 256,
  },
  {
    name: 'StartSourceSync',
    entry: 'functions/sync/startSourceSync.ts',
    kind: 'task',
    needs: ['table:read', 'table:write', 'sfn:start', 'kms:google-connection:open', 'google'],
    // Runs for every due source on every poll: small memory keeps an idle source cheap (docs/COSTS.md).
    memoryMb: 256,
  },
  {
    name: 'BeginRun',
    entry: 'functions/sync/beginRun.ts',
    kind: 'task',
    needs: ['table:read', 'table:write'],
  },
  {
    name: 'PlanSync',
    entry: 'functions/sync/planSync.ts',
    kind: 'task',
    needs: ['table:read', 'table:write', 'bucket:write', 'kms:google-connection:open', 'google'],
    timeoutSeconds: 900,
    memoryMb: 512,
  },
  {
    name: 'TransferBatch',
    entry: 'functions/sync/transferBatch.ts',
    kind: 'task',
    needs: ['table:read', 'table:write', 'bucket:read', 'bucket:write', 'kms:google-connection:open', 'google'],
    timeoutSeconds: 900,
    memoryMb: 1024,
    workers: ['adapters/md5/md5Worker.mjs'],
  },
  {
    name: 'PlanProcessing',
    entry: 'functions/processing/planProcessing.ts',
    kind: 'task',
    needs: ['table:read', 'bucket:write'],
    timeoutSeconds: 300,
  },
  {
    // x86_64, not arm64: the ffmpeg/ffprobe binaries come from @ffmpeg-installer/linux-x64 and
    // @ffprobe-installer/linux-x64, the registry packages that ship a static binary in their tarball
    // (ffmpeg-static downloads at install time, which the build machine cannot do).
    name: 'ProcessCamera',
    entry: 'functions/processing/processCamera.ts',
    kind: 'task',
    needs: ['table:read', 'table:write', 'bucket:read', 'bucket:write'],
    timeoutSeconds: 900,
    // 3,008 MB gives two vCPUs: ffmpeg decodes on one while the barcode worker reads on the other.
    memoryMb: 3008,
    architecture: 'x86_64',
    workers: ['adapters/barcode/zxingWorker.mjs'],
    binaries: ['node_modules/@ffmpeg-installer/linux-x64/ffmpeg', 'node_modules/@ffprobe-installer/linux-x64/ffprobe', 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'],
  },
  {
    name: 'Storage',
    entry: 'functions/api/storage/storageApi.ts',
    kind: 'http',
    routes: ['GET /api/storage', 'PATCH /api/storage', 'GET /api/events/{eventId}/keep', 'PUT /api/events/{eventId}/keep'],
    // Retention and the usage alert are what the shop pays for: the owner's. A keep flag guards a dispute: staff work.
    role: {
      'GET /api/storage': 'admin',
      'PATCH /api/storage': 'owner',
      'GET /api/events/{eventId}/keep': 'staff',
      'PUT /api/events/{eventId}/keep': 'staff',
    },
    // bucket:write: changing retention or a keep flag re-tags objects (PutObjectTagging).
    needs: ['table:read', 'table:write', 'bucket:write'],
    timeoutSeconds: 29,
  },
  {
    // A lifecycle rule deleted footage or a clip: ledger, usage counters, tracked file `expired`, orders.
    name: 'ObjectExpired',
    entry: 'functions/storage/objectExpired.ts',
    kind: 'task',
    eventRule: 'footage-lifecycle-expiration',
    needs: ['table:read', 'table:write'],
  },
  {
    // Moves running re-tagging jobs on in bounded batches after a retention change.
    name: 'RetagWorker',
    entry: 'functions/storage/retagWorker.ts',
    kind: 'task',
    eventRule: 'every-minute',
    needs: ['table:read', 'table:write', 'bucket:write'],
    timeoutSeconds: 300,
  },
  {
    name: 'FinishRun',
    entry: 'functions/sync/finishRun.ts',
    kind: 'task',
    needs: ['table:read', 'table:write'],
  },
];
