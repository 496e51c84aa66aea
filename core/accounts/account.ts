import type { Role } from './role';

/** A tenant: one shop or warehouse, the unit that never meets another. */
export interface Tenant {
  readonly id: string;
  readonly name: string;
  /** IANA zone or offset the web app shows times in; null: the viewer's own zone. */
  readonly timeZone?: string | null;
  readonly createdAt: string;
}

export interface User {
  readonly tenantId: string;
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: string;
}

/**
 * A colleague asked to join a tenant with a role, until they accept or it
 * expires. One per email and tenant: inviting again replaces it. In local mode
 * the link's token is kept only as a hash; in AWS Cognito emails a temporary
 * password and the first signed-in request accepts the invite.
 */
export interface Invite {
  readonly tenantId: string;
  readonly id: string;
  /** Lower case. */
  readonly email: string;
  readonly role: Role;
  readonly invitedBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Local mode: SHA-256 of the invite link's token (hex); absent in AWS. */
  readonly tokenHash?: string;
}

/**
 * Local mode only: maps an email to its tenant and user and holds the password
 * hash. In AWS, Cognito holds credentials and this record does not exist.
 */
export interface LocalLogin {
  readonly email: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly tenantName: string;
  readonly passwordHash: string;
  readonly createdAt: string;
  /** The role this login's user row is (re)written with; absent on logins made at sign-up (owners). */
  readonly role?: Role;
}
