import { ValidationError } from '../errors';
import type { AccountRepository } from '../ports/accountRepository';
import type { Clock } from '../ports/clock';

export interface ProvisionDeps {
  readonly accounts: AccountRepository;
  readonly clock: Clock;
}

/** What Cognito tells us about a user who has just confirmed their sign-up. */
export interface ConfirmedCognitoUser {
  /** Cognito's `sub`: stable and never reused; it is the user id. */
  readonly sub: string;
  readonly email: string;
  /** The `custom:tenantName` given at sign-up, if any. */
  readonly tenantName?: string | undefined;
}

export interface ProvisionedTenant {
  readonly tenantId: string;
  readonly userId: string;
  readonly tenantName: string;
  /** False when a retry found the rows already there. */
  readonly created: boolean;
}

const TENANT_NAME_MAX = 100;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The tenant id of a self-signed-up Cognito user: `ten_` and 80 bits of
 * SHA-256 over the `sub`, in base32. Deterministic, so a retried trigger writes
 * the very same rows, and it does not expose the sub in every key.
 */
export async function tenantIdForCognitoUser(sub: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`vtrack-tenant:${sub}`)));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest.subarray(0, 10)) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(value >>> bits) & 31];
    }
  }
  return `ten_${out}`;
}

/** The name chosen at sign-up, or the email's domain (`shop.example`) when none was given. */
export function tenantNameFor(user: Pick<ConfirmedCognitoUser, 'email' | 'tenantName'>): string {
  const given = user.tenantName?.trim() ?? '';
  if (given !== '') return given.slice(0, TENANT_NAME_MAX);
  const email = user.email.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return (domain !== '' ? domain : email).slice(0, TENANT_NAME_MAX);
}

/**
 * First run in AWS: a user confirmed their Cognito sign-up, so they get a
 * tenant of their own and become its owner. Cognito may invoke the trigger more
 * than once; ids come from the sub and rows that exist are left as they are,
 * so every run after the first changes nothing.
 */
export async function provisionCognitoTenant(deps: ProvisionDeps, user: ConfirmedCognitoUser): Promise<ProvisionedTenant> {
  if (user.sub.trim() === '') throw new ValidationError('sub', 'sub: must not be empty');
  if (!user.email.includes('@')) throw new ValidationError('email', 'email: must be an email address');
  const tenantId = await tenantIdForCognitoUser(user.sub);
  const userId = user.sub;
  const now = deps.clock.now().toISOString();
  let created = false;

  let tenant = await deps.accounts.getTenant(tenantId);
  if (tenant === null) {
    tenant = { id: tenantId, name: tenantNameFor(user), createdAt: now };
    await deps.accounts.putTenant(tenant);
    created = true;
  }
  if ((await deps.accounts.getUser(tenantId, userId)) === null) {
    await deps.accounts.putUser({ tenantId, id: userId, email: user.email.trim().toLowerCase(), role: 'owner', createdAt: now });
    created = true;
  }
  return { tenantId, userId, tenantName: tenant.name, created };
}
