/**
 * The signed-in member's own MFA actions of Cognito's user-pool API, which
 * take the member's access token instead of a password: GetUser (attributes
 * and which second factors are on), AssociateSoftwareToken (a new
 * authenticator-app secret), VerifySoftwareToken (the app's first code proves
 * it holds the secret) and SetUserMFAPreference (turn a factor on or off).
 * Codes are real TOTP (totp.ts) checked against the secret, as Cognito does.
 */
import { FakeCognitoError, type FakePoolUser } from './fakeUserPool';
import { newTotpSecret, totpMatches } from './totp';

type Body = Record<string, unknown>;

/** The MFA actions that take an AccessToken. */
export const MFA_ACTIONS = ['GetUser', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'SetUserMFAPreference'] as const;
export type MfaAction = (typeof MFA_ACTIONS)[number];

export const isMfaAction = (action: string): action is MfaAction => (MFA_ACTIONS as readonly string[]).includes(action);

interface FactorSettings {
  readonly Enabled?: boolean;
  readonly PreferredMfa?: boolean;
}

const settingsOf = (body: Body, name: string): FactorSettings | null => {
  const value = body[name];
  return typeof value === 'object' && value !== null ? (value as FactorSettings) : null;
};

export function runMfaAction(action: MfaAction, user: FakePoolUser, body: Body): Body {
  switch (action) {
    case 'GetUser':
      return getUser(user);
    case 'AssociateSoftwareToken':
      // Each call replaces the secret not yet verified; a factor already on keeps its own until a new one is verified.
      user.pendingTotpSecret = newTotpSecret();
      return { SecretCode: user.pendingTotpSecret };
    case 'VerifySoftwareToken':
      return verifySoftwareToken(user, body);
    case 'SetUserMFAPreference':
      return setPreference(user, body);
  }
}

function getUser(user: FakePoolUser): Body {
  const attributes = [
    { Name: 'sub', Value: user.sub },
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    ...(user.tenantId === undefined ? [] : [{ Name: 'custom:tenantId', Value: user.tenantId }]),
    ...(user.phoneNumber === undefined ? [] : [{ Name: 'phone_number', Value: user.phoneNumber }]),
  ];
  // Cognito leaves both fields out when no factor is on.
  return { Username: user.sub, UserAttributes: attributes, ...(user.mfa === undefined ? {} : { UserMFASettingList: [user.mfa], PreferredMfaSetting: user.mfa }) };
}

function verifySoftwareToken(user: FakePoolUser, body: Body): Body {
  const code = typeof body['UserCode'] === 'string' ? body['UserCode'] : '';
  // The API's own constraint on UserCode (6 digits), checked before the code itself.
  if (!/^\d{6}$/.test(code)) {
    throw new FakeCognitoError('InvalidParameterException', "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+");
  }
  const secret = user.pendingTotpSecret;
  if (secret === undefined) throw new FakeCognitoError('InvalidParameterException', 'User has not associated a software token.');
  if (!totpMatches(secret, code)) throw new FakeCognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
  user.totpSecret = secret;
  delete user.pendingTotpSecret;
  return { Status: 'SUCCESS' };
}

function setPreference(user: FakePoolUser, body: Body): Body {
  const app = settingsOf(body, 'SoftwareTokenMfaSettings');
  const sms = settingsOf(body, 'SMSMfaSettings');
  if (app?.Enabled === true && user.totpSecret === undefined) throw new FakeCognitoError('InvalidParameterException', 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA');
  if (sms?.Enabled === true && user.phoneNumber === undefined) throw new FakeCognitoError('InvalidParameterException', 'User does not have delivery config set to turn on SMS_MFA');
  // One factor at a time in this fake: the one turned on (and preferred) wins; turning one off leaves no factor.
  if (app?.Enabled === true) user.mfa = 'SOFTWARE_TOKEN_MFA';
  else if (sms?.Enabled === true) user.mfa = 'SMS_MFA';
  if (app?.Enabled === false && user.mfa === 'SOFTWARE_TOKEN_MFA') delete user.mfa;
  if (sms?.Enabled === false && user.mfa === 'SMS_MFA') delete user.mfa;
  return {};
}
