// Public surface of the Google Drive v3 + OAuth protocol fake.
export { startFakeGoogle } from './startFakeGoogle';
export type { FakeGoogle, FakeGoogleOptions } from './startFakeGoogle';
export { fakeGoogleTransporter } from './fakeGoogleTransporter';
export { DEFAULT_CLIENT, DEFAULT_USER } from './FakeOAuth';
export type { FakeOAuth } from './FakeOAuth';
export type { DriveModel, AddFileInput, AddFolderInput, AddShortcutInput } from './DriveModel';
export type { FaultInjector, FaultMatch, FaultResponse, FaultSpec } from './FaultInjector';
export type { FaultReason } from './faultReasons';
export type { LoggedRequest } from './RequestLog';
export type { AuthorizationRecord, FakeUser, OAuthClientConfig, ServiceAccountConfig, TokenSet } from './oauthTypes';
export type { ContentSpec, Operation } from './types';
export { FOLDER_MIME, SHORTCUT_MIME } from './types';
