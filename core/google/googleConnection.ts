import type { GoogleConnectionView } from '../api/googleApi';
import type { SealedSecret } from '../ports/secretSealer';

/**
 * A tenant's grant to read a Google account's Drive: an OAuth refresh token, or
 * a Workspace service account acting for one user (domain-wide delegation).
 * The secret is sealed (envelope encryption) and never leaves the backend.
 */
export interface GoogleConnection {
  readonly tenantId: string;
  readonly id: string;
  readonly kind: 'oauth' | 'service_account';
  readonly email: string;
  readonly status: 'active' | 'needs_reauth';
  readonly statusMessage: string | null;
  readonly scopes: readonly string[];
  /** The refresh token (oauth) or the service account key JSON (service_account); null once disconnected. */
  readonly secret: SealedSecret | null;
  /** Service accounts: the user they act for. */
  readonly subject: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set when the tenant disconnected it: the secret is deleted, and only its sources still refer to it. */
  readonly disconnectedAt?: string;
}

/** What the API shows of a connection: never the secret. */
export function toConnectionView(connection: GoogleConnection): GoogleConnectionView {
  return {
    id: connection.id,
    kind: connection.kind,
    email: connection.email,
    status: connection.status,
    statusMessage: connection.statusMessage,
    createdAt: connection.createdAt,
  };
}

/** A consent round trip in flight: binds Google's `state` to the user who started it. */
export interface OAuthAttempt {
  readonly tenantId: string;
  readonly userId: string;
  readonly state: string;
  readonly codeVerifier: SealedSecret;
  readonly redirectUri: string;
  /** Set when reconnecting an existing connection. */
  readonly connectionId: string | null;
  readonly expiresAt: string;
}

/**
 * drive.readonly is the narrowest scope that can list a chosen folder's
 * children and follow the changes feed (drive.file only sees files the app
 * created or the user opened with it). It is a restricted scope: see docs/GOOGLE.md.
 */
export const DRIVE_SCOPES = ['https://www.googleapis.com/auth/drive.readonly', 'openid', 'email'] as const;
