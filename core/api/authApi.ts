import type { z } from 'zod';
import type { signInSchema, signUpSchema } from '../accounts/accountSchemas';
import type { IsoDate } from './collections';
import type { Role } from '../accounts/role';

/**
 * `GET /api/health`. In local mode also each stand-in: `'up'` or `'down: <why>'`;
 * one down makes the status `unavailable` (HTTP 503).
 */
export interface HealthView {
  readonly status: 'ok' | 'unavailable';
  readonly standIns?: Readonly<Record<string, string>>;
}

/** `GET /api/auth/config` in AWS: the Cognito user pool the web app signs in against. */
export interface CognitoAuthConfig {
  readonly mode: 'cognito';
  readonly userPoolId: string;
  readonly clientId: string;
  /**
   * The hosted UI's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`.
   * The web app's own pages do not use it; it stays for federated sign-in (Google) later.
   */
  readonly domain: string;
  readonly region: string;
  /** The user-pool API the sign-in pages call (`https://cognito-idp.<region>.amazonaws.com/`). */
  readonly endpoint: string;
}

/** `GET /api/auth/config`: local password sign-in (local stack), or VTrack's pages against Cognito's user-pool API (AWS). */
export type AuthConfig = { readonly mode: 'local' } | CognitoAuthConfig;

/** `POST /api/auth/local/sign-up`: makes a tenant and its owner. */
export type SignUpBody = z.input<typeof signUpSchema>;
/** `POST /api/auth/local/sign-in`. */
export type SignInBody = z.input<typeof signInSchema>;

/** Sign-up and sign-in (local mode): a bearer token and who it is for. */
export interface SignedInView {
  readonly token: string;
  readonly expiresAt: IsoDate;
  readonly user: {
    readonly tenantId: string;
    readonly userId: string;
    /** Local logins always have one (it is the login name). */
    readonly email: string;
    readonly tenantName: string;
    /** As `GET /api/me` says it: a page shown right after sign-in is not rebuilt when /api/me answers with another zone. */
    readonly timeZone: string | null;
    /** What the member may do; the web app hides the rest. */
    readonly role: Role;
  };
}

/** `GET /api/me` and `PATCH /api/tenant`: who is signed in, for which tenant. */
export interface MeView {
  readonly tenantId: string;
  readonly userId: string;
  /** Null when the token carries no email claim (a Cognito user without one). */
  readonly email: string | null;
  readonly tenantName: string;
  /** The zone the web app shows times in (IANA name or offset such as `+07:00`); null: each viewer's own. */
  readonly timeZone: string | null;
  /** The caller's role in the tenant: the web app hides what it does not allow (the API refuses it anyway). */
  readonly role: Role;
}

/** `PATCH /api/tenant`: at least one field. */
export interface TenantPatchBody {
  readonly tenantName?: string;
  /** null: each viewer sees times in their own zone. */
  readonly timeZone?: string | null;
}
