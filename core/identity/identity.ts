/**
 * Who is calling, as established by a verified token (Cognito in AWS, the local
 * signing key in local mode). Routes take the tenant from here, never from a body.
 */
export interface Identity {
  readonly tenantId: string;
  readonly userId: string;
  readonly email: string | null;
}
