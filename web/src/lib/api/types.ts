/**
 * The VTrack HTTP API's wire types, as the web app uses them. The contract is
 * core/api (the handlers' view builders return these very types); this file
 * only gives them the web's names. `import type` keeps core out of the bundle.
 * Only the session types below are the web's own.
 */
import type { MeView, SignedInView } from '../../../../core/api/authApi';

export type { ListOf, Paged } from '../../../../core/api/collections';
export type { FileReasonCode } from '../../../../core/sync/fileReasons';
export type { FileFailureCode } from '../../../../core/sync/fileFailureCodes';
export type { RunErrorCode, SourceMessageCode } from '../../../../core/sync/runErrorCodes';
export type { ErrorBody, ErrorCode } from '../../../../core/api/errorCodes';
export type { AuthConfig, CognitoAuthConfig, SignInBody, SignUpBody, TenantPatchBody } from '../../../../core/api/authApi';
export type {
  CameraLayout,
  CameraMapping,
  NewSourceBody as NewSource,
  RetryFailedView,
  RunPhase,
  RunProgressView as RunProgress,
  RunView as Run,
  SourceAgentView as SourceAgent,
  SourceDeletionStartedView,
  SourcePatchBody as SourcePatch,
  SourceStatus,
  SourceStatusView,
  SourceSummaryView as SourceSummary,
  SourceType,
  SourceView as Source,
  SyncRequestedView,
  TrackedFileStatus,
  TrackedFileView as TrackedFile,
  TrackedFilesPageView as TrackedFilesPage,
} from '../../../../core/api/sourcesApi';
export type {
  CompleteConsentBody,
  DriveFolderView as DriveFolder,
  DriveFoldersPageView as DriveFoldersPage,
  GoogleConnectionView as GoogleConnection,
  GoogleDisconnectView as GoogleDisconnect,
  GoogleStatusView as GoogleStatus,
  FolderNamesBody,
  MappingPreviewBody,
  MappingPreviewView as MappingPreview,
  NamedFolderView as NamedFolder,
  PreviewCameraView as PreviewCamera,
  SharedDriveView as SharedDrive,
  StartConsentBody,
  StartConsentView,
} from '../../../../core/api/googleApi';

/**
 * Who is signed in: `/api/me`'s answer, or sign-in's user until /me has
 * answered (sign-in does not say the tenant's time zone yet).
 */
export type User = Omit<MeView, 'timeZone'> & { readonly timeZone?: string | null };

/** The stored session: sign-in's answer; Cognito sessions can be renewed after `expiresAt`. */
export interface AuthResult extends Omit<SignedInView, 'user'> {
  readonly user: User;
  /** Cognito: a refresh token can renew the session after `expiresAt`. */
  readonly renewable?: boolean;
}
export type { AgentView as Agent, EnrolmentView as Enrolment, CreateAgentBody, RenameAgentBody, CleanupSummary, AgentListingBody, AgentListingView } from '../../../../core/api/agentsApi';
export type {
  CameraDayView as CameraDay,
  CameraFrameView as CameraFrame,
  ClipState,
  ClipUrlView as ClipUrl,
  CodeSearchBody,
  CodeSearchView as CodeSearch,
  EventView as ParcelEvent,
  ExportView as ClipExport,
  NewShareLinkBody,
  SharedClipView as SharedClip,
  ShareLinkView as ShareLink,
} from '../../../../core/api/eventsApi';
export type { SampleOfferView } from '../../../../core/api/sampleOfferApi';
export type { CamerasView, DiscoveredCameraView as DiscoveredCamera, RecordedCameraView as RecordedCamera } from '../../../../core/api/camerasApi';
export type { CamerasHealthView, CameraHealthView, CameraHealthHistoryView, CameraHealthAlert, CameraHealthChange } from '../../../../core/api/cameraHealthApi';
export type { CameraHealthProblem } from '../../../../core/cameraHealth/assessCameraHealth';
export type { StorageView, UsagePoint, CameraUsageView, KeepFlagView, UsageAlertCrossing } from '../../../../core/api/storageApi';
export type { CameraRequestView, CameraProfileView as CameraProfile, SiteCameraView as SiteCamera, SiteCamerasView } from '../../../../core/api/cameraOnboardingApi';
