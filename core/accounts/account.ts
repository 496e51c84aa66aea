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
  readonly role: 'owner' | 'member';
  readonly createdAt: string;
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
}
