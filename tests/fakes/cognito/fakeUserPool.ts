/**
 * The user pool behind the Cognito fake: the public-client actions of
 * Cognito's user-pool API that VTrack's sign-in pages call, with Cognito's
 * error types for what goes wrong. Tokens are made by the server (`issue`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isMfaAction, runMfaAction } from './fakeMfaActions';
import { totpMatches } from './totp';

export type FakeUserStatus = 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD';

/** The second factor a member turned on: an authenticator app, or a code texted to their phone. */
export type FakeMfa = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA';

type ChallengeName = 'NEW_PASSWORD_REQUIRED' | FakeMfa;

/** A challenge's session: whose, for which challenge, and until when (Cognito's default is 3 minutes). */
interface ChallengeSession {
  readonly email: string;
  readonly challenge: ChallengeName;
  readonly expiresAt: number;
}

const SESSION_MS = 3 * 60_000;
const INVALID_SESSION = 'Invalid session for the user, session is expired.';
/** Where Cognito's MFA answer carries the code, by challenge. */
const CODE_FIELD: Readonly<Record<FakeMfa, string>> = { SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', SMS_MFA: 'SMS_MFA_CODE' };

export interface FakePoolUser {
  sub: string;
  email: string;
  password: string;
  status: FakeUserStatus;
  /** `custom:tenantId`, as the post-confirmation trigger (or an invitation) sets it. */
  tenantId?: string;
  tenantName?: string;
  /** The confirmation or reset code last "emailed" to the user. */
  code?: string;
  mfa?: FakeMfa;
  phoneNumber?: string;
  /** SMS_MFA: the code last texted. */
  smsCode?: string;
  /** The authenticator app's verified secret (base32): its TOTP codes answer SOFTWARE_TOKEN_MFA. */
  totpSecret?: string;
  /** A secret AssociateSoftwareToken handed out, until VerifySoftwareToken proves an app holds it. */
  pendingTotpSecret?: string;
}

/** A Cognito error: `__type` and `message`, sent with HTTP 400. */
export class FakeCognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AuthenticationResult {
  readonly IdToken: string;
  readonly AccessToken: string;
  readonly RefreshToken?: string;
  readonly ExpiresIn: number;
  readonly TokenType: 'Bearer';
}

export interface FakeUserPoolHooks {
  readonly clientId: string;
  /** Signs tokens for the user; a refresh token only at sign-in. */
  issue(user: FakePoolUser, withRefresh: boolean): Promise<AuthenticationResult>;
  /** The `sub` of a valid access token this pool issued; NotAuthorizedException otherwise. */
  subOfAccessToken(token: string): Promise<string>;
  /** What the post-confirmation trigger does: makes the tenant, answers its id. */
  onConfirmSignUp?(user: { sub: string; email: string; tenantName: string }): Promise<string>;
}

type Body = Record<string, unknown>;

/** Cognito's password policy as the CDK app sets it: 12+ characters, lower, upper, digit, symbol. */
function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Password did not conform with policy: Password not long enough';
  if (!/[a-z]/.test(password)) return 'Password did not conform with policy: Password must have lowercase characters';
  if (!/[A-Z]/.test(password)) return 'Password did not conform with policy: Password must have uppercase characters';
  if (!/[0-9]/.test(password)) return 'Password did not conform with policy: Password must have numeric characters';
  if (!/[^A-Za-z0-9]/.test(password)) return 'Password did not conform with policy: Password must have symbol characters';
  return null;
}

const text = (body: Body, name: string): string => (typeof body[name] === 'string' ? body[name] : '');
const record = (body: Body, name: string): Record<string, string> => {
  const value = body[name];
  return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
};
const newCode = (): string => String(100_000 + (randomBytes(4).readUInt32BE() % 900_000));

export class FakeUserPool {
  readonly users = new Map<string, FakePoolUser>();
  readonly refreshTokens = new Map<string, string>();
  /** Challenge sessions (new password, MFA code): session → whose, which, until when. */
  private readonly sessions = new Map<string, ChallengeSession>();

  constructor(private readonly hooks: FakeUserPoolHooks) {}

  add(user: FakePoolUser): void {
    this.users.set(user.email.toLowerCase(), user);
  }

  find(email: string): FakePoolUser | undefined {
    return this.users.get(email.trim().toLowerCase());
  }

  /** Every challenge session lapses, as Cognito's do after 3 minutes. */
  expireSessions(): void {
    this.sessions.clear();
  }

  /** Runs one action; answers its JSON body or throws a FakeCognitoError. */
  async call(action: string, body: Body): Promise<Body> {
    // The member's own actions name no client: the access token says who and for which client.
    if (isMfaAction(action)) return runMfaAction(action, await this.accessTokenUser(body), body);
    if (text(body, 'ClientId') !== this.hooks.clientId) throw new FakeCognitoError('ResourceNotFoundException', 'User pool client does not exist.');
    switch (action) {
      case 'InitiateAuth':
        return this.initiateAuth(body);
      case 'RespondToAuthChallenge':
        return this.respondToChallenge(body);
      case 'SignUp':
        return this.signUp(body);
      case 'ConfirmSignUp':
        return this.confirmSignUp(body);
      case 'ResendConfirmationCode':
        return this.resendCode(body);
      case 'ForgotPassword':
        return this.forgotPassword(body);
      case 'ConfirmForgotPassword':
        return this.confirmForgotPassword(body);
      case 'RevokeToken':
        this.refreshTokens.delete(text(body, 'Token'));
        return {};
      default:
        throw new FakeCognitoError('InvalidParameterException', `The fake does not know ${action}.`);
    }
  }

  private async accessTokenUser(body: Body): Promise<FakePoolUser> {
    const sub = await this.hooks.subOfAccessToken(text(body, 'AccessToken'));
    const user = [...this.users.values()].find((candidate) => candidate.sub === sub);
    if (user === undefined) throw new FakeCognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  private async initiateAuth(body: Body): Promise<Body> {
    const flow = text(body, 'AuthFlow');
    const parameters = record(body, 'AuthParameters');
    if (flow === 'REFRESH_TOKEN_AUTH') {
      const email = this.refreshTokens.get(parameters['REFRESH_TOKEN'] ?? '');
      const user = email === undefined ? undefined : this.find(email);
      if (user === undefined) throw new FakeCognitoError('NotAuthorizedException', 'Invalid Refresh Token');
      return { AuthenticationResult: await this.hooks.issue(user, false), ChallengeParameters: {} };
    }
    if (flow !== 'USER_PASSWORD_AUTH') throw new FakeCognitoError('InvalidParameterException', `${flow} is not enabled for the client.`);
    const user = this.find(parameters['USERNAME'] ?? '');
    // Cognito with PreventUserExistenceErrors: an unknown user reads like a wrong password.
    if (user === undefined || user.password !== parameters['PASSWORD']) throw new FakeCognitoError('NotAuthorizedException', 'Incorrect username or password.');
    if (user.status === 'UNCONFIRMED') throw new FakeCognitoError('UserNotConfirmedException', 'User is not confirmed.');
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: this.openSession(user, 'NEW_PASSWORD_REQUIRED'),
        ChallengeParameters: { USER_ID_FOR_SRP: user.sub, requiredAttributes: '[]', userAttributes: JSON.stringify({ email: user.email }) },
      };
    }
    return this.passedPassword(user);
  }

  /** The password is right: tokens, or first the member's second factor. */
  private async passedPassword(user: FakePoolUser): Promise<Body> {
    if (user.mfa === undefined) return { AuthenticationResult: await this.hooks.issue(user, true), ChallengeParameters: {} };
    const session = this.openSession(user, user.mfa);
    if (user.mfa === 'SOFTWARE_TOKEN_MFA') return { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeParameters: {} };
    const phone = user.phoneNumber ?? '';
    user.smsCode = newCode();
    return {
      ChallengeName: 'SMS_MFA',
      Session: session,
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: `+${'*'.repeat(Math.max(phone.length - 5, 0))}${phone.slice(-4)}` },
    };
  }

  private openSession(user: FakePoolUser, challenge: ChallengeName): string {
    const session = randomBytes(24).toString('base64url');
    this.sessions.set(session, { email: user.email, challenge, expiresAt: Date.now() + SESSION_MS });
    return session;
  }

  /** The user a live session of this challenge belongs to; NotAuthorizedException as Cognito words it otherwise. */
  private sessionUser(body: Body, challenge: ChallengeName): FakePoolUser {
    const open = this.sessions.get(text(body, 'Session'));
    const user = open === undefined ? undefined : this.find(open.email);
    const username = record(body, 'ChallengeResponses')['USERNAME'] ?? '';
    if (open === undefined || user === undefined || open.challenge !== challenge || open.expiresAt < Date.now() || user.email.toLowerCase() !== username.toLowerCase()) {
      throw new FakeCognitoError('NotAuthorizedException', INVALID_SESSION);
    }
    return user;
  }

  private async respondToChallenge(body: Body): Promise<Body> {
    const challenge = text(body, 'ChallengeName');
    if (challenge !== 'NEW_PASSWORD_REQUIRED' && challenge !== 'SOFTWARE_TOKEN_MFA' && challenge !== 'SMS_MFA') {
      throw new FakeCognitoError('InvalidParameterException', 'Unknown challenge.');
    }
    const user = this.sessionUser(body, challenge);
    const responses = record(body, 'ChallengeResponses');
    if (challenge === 'NEW_PASSWORD_REQUIRED') {
      const problem = passwordProblem(responses['NEW_PASSWORD'] ?? '');
      if (problem !== null) throw new FakeCognitoError('InvalidPasswordException', problem);
      this.sessions.delete(text(body, 'Session'));
      user.password = responses['NEW_PASSWORD'] ?? '';
      user.status = 'CONFIRMED';
      return this.passedPassword(user);
    }
    // A wrong code leaves the step standing: the same session may try again until it lapses.
    const code = responses[CODE_FIELD[challenge]] ?? '';
    const right = challenge === 'SMS_MFA' ? user.smsCode !== undefined && code === user.smsCode : user.totpSecret !== undefined && totpMatches(user.totpSecret, code);
    if (!right) throw new FakeCognitoError('CodeMismatchException', 'Invalid code received for user');
    this.sessions.delete(text(body, 'Session'));
    return { AuthenticationResult: await this.hooks.issue(user, true), ChallengeParameters: {} };
  }

  private signUp(body: Body): Body {
    const email = text(body, 'Username').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new FakeCognitoError('InvalidParameterException', 'Invalid email address format.');
    if (this.find(email) !== undefined) throw new FakeCognitoError('UsernameExistsException', 'An account with the given email already exists.');
    const problem = passwordProblem(text(body, 'Password'));
    if (problem !== null) throw new FakeCognitoError('InvalidPasswordException', problem);
    const attributes = Array.isArray(body['UserAttributes']) ? (body['UserAttributes'] as { Name?: unknown; Value?: unknown }[]) : [];
    const tenantName = attributes.find((attribute) => attribute.Name === 'custom:tenantName')?.Value;
    const user: FakePoolUser = { sub: randomUUID(), email, password: text(body, 'Password'), status: 'UNCONFIRMED', code: newCode() };
    if (typeof tenantName === 'string') user.tenantName = tenantName;
    this.add(user);
    return { UserConfirmed: false, UserSub: user.sub, CodeDeliveryDetails: { Destination: email, DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
  }

  private async confirmSignUp(body: Body): Promise<Body> {
    const user = this.find(text(body, 'Username'));
    if (user === undefined) throw new FakeCognitoError('UserNotFoundException', 'Username/client id combination not found.');
    if (user.status !== 'UNCONFIRMED') throw new FakeCognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    if (user.code !== text(body, 'ConfirmationCode')) throw new FakeCognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    user.status = 'CONFIRMED';
    delete user.code;
    if (user.tenantId === undefined && this.hooks.onConfirmSignUp !== undefined) {
      user.tenantId = await this.hooks.onConfirmSignUp({ sub: user.sub, email: user.email, tenantName: user.tenantName ?? '' });
    }
    return {};
  }

  private resendCode(body: Body): Body {
    const user = this.find(text(body, 'Username'));
    if (user === undefined) throw new FakeCognitoError('UserNotFoundException', 'Username/client id combination not found.');
    if (user.status !== 'UNCONFIRMED') throw new FakeCognitoError('InvalidParameterException', 'User is already confirmed.');
    user.code = newCode();
    return { CodeDeliveryDetails: { Destination: user.email, DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
  }

  private forgotPassword(body: Body): Body {
    const user = this.find(text(body, 'Username'));
    if (user === undefined) throw new FakeCognitoError('UserNotFoundException', 'Username/client id combination not found.');
    user.code = newCode();
    return { CodeDeliveryDetails: { Destination: user.email, DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
  }

  private confirmForgotPassword(body: Body): Body {
    const user = this.find(text(body, 'Username'));
    if (user === undefined) throw new FakeCognitoError('UserNotFoundException', 'Username/client id combination not found.');
    if (user.code === undefined || user.code !== text(body, 'ConfirmationCode')) {
      throw new FakeCognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    }
    const problem = passwordProblem(text(body, 'Password'));
    if (problem !== null) throw new FakeCognitoError('InvalidPasswordException', problem);
    user.password = text(body, 'Password');
    user.status = 'CONFIRMED';
    delete user.code;
    return {};
  }
}
