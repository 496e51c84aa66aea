import { callCognito } from './cognitoApi';
import { cognitoAccessToken, type PoolConfig } from './cognitoSignIn';

/**
 * Two-step sign-in that members turn on and off themselves (Settings), with
 * the user-pool API's actions on one's own account, each authorised by the
 * member's access token: GetUser says which second factor is on;
 * AssociateSoftwareToken gives an authenticator-app secret, VerifySoftwareToken
 * takes the app's first code, and SetUserMFAPreference turns the app on (and
 * preferred) or a factor off. After that, InitiateAuth answers
 * SOFTWARE_TOKEN_MFA and the sign-in pages ask for the code (MfaCodeStep).
 */

/** Which second factor the member's sign-in asks for. */
export type MfaState = 'off' | 'app' | 'sms';

/** The issuer authenticator apps show next to the code. */
const ISSUER = 'VTrack';

interface GetUserAnswer {
  UserMFASettingList?: string[];
  PreferredMfaSetting?: string;
}

async function callAsMember<T>(config: PoolConfig, action: string, body: Record<string, unknown> = {}): Promise<T> {
  return callCognito<T>(config.endpoint, action, { AccessToken: await cognitoAccessToken(), ...body });
}

/** Cognito leaves both fields out when no factor is on; the preferred one is what sign-in asks for. */
export async function getMfaState(config: PoolConfig): Promise<MfaState> {
  const user = await callAsMember<GetUserAnswer>(config, 'GetUser');
  const on = user.UserMFASettingList ?? [];
  const asked = user.PreferredMfaSetting ?? on[0];
  if (asked === 'SOFTWARE_TOKEN_MFA') return 'app';
  return asked === 'SMS_MFA' ? 'sms' : 'off';
}

/** A new authenticator-app secret (base32) for the member; nothing changes at sign-in until it is verified and turned on. */
export async function startAppSetup(config: PoolConfig): Promise<string> {
  const answer = await callAsMember<{ SecretCode?: string }>(config, 'AssociateSoftwareToken');
  if (answer.SecretCode === undefined) throw new Error('AssociateSoftwareToken answered no SecretCode');
  return answer.SecretCode;
}

/** The app's current code proves it holds the secret; then the app becomes the member's (preferred) second step. */
export async function finishAppSetup(config: PoolConfig, code: string): Promise<void> {
  await callAsMember(config, 'VerifySoftwareToken', { UserCode: code, FriendlyDeviceName: ISSUER });
  await callAsMember(config, 'SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
}

/** Turns the member's second step off: sign-in asks for the password only. */
export async function turnOffMfa(config: PoolConfig, state: Exclude<MfaState, 'off'>): Promise<void> {
  const off = { Enabled: false, PreferredMfa: false };
  await callAsMember(config, 'SetUserMFAPreference', state === 'app' ? { SoftwareTokenMfaSettings: off } : { SMSMfaSettings: off });
}

/** The otpauth:// URI (Google Authenticator's key-URI format) an authenticator app on this device opens to add the account. */
export function otpauthUri(secret: string, email: string): string {
  const label = `${encodeURIComponent(ISSUER)}:${encodeURIComponent(email)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(ISSUER)}&algorithm=SHA1&digits=6&period=30`;
}

/** The secret in groups of four, as apps show it and people type it (apps ignore the spaces). */
export const groupedSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');
