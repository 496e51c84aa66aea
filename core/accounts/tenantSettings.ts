import { z } from 'zod';
import type { MeView } from '../api/authApi';
import { NotFoundError } from '../errors';
import type { Identity } from '../identity/identity';
import type { AccountRepository } from '../ports/accountRepository';
import { parseTimeZone } from '../time/timeZone';
import { parseWith } from '../validation/parseWith';
import type { Role } from './role';

const settingsSchema = z
  .strictObject({
    tenantName: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    timeZone: z
      .string()
      .trim()
      .max(64)
      .refine((zone) => {
        try {
          parseTimeZone(zone);
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Asia/Ho_Chi_Minh or an offset such as +07:00')
      .nullable()
      .optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' });

export async function describeTenant(accounts: AccountRepository, identity: Identity, role: Role): Promise<MeView> {
  const tenant = await accounts.getTenant(identity.tenantId);
  if (tenant === null) throw new NotFoundError('tenant not found');
  return { tenantId: identity.tenantId, userId: identity.userId, email: identity.email, tenantName: tenant.name, timeZone: tenant.timeZone ?? null, role };
}

/** Renames the tenant or sets the time zone its people see times in. Nothing is written if a field is bad. */
export async function updateTenantSettings(accounts: AccountRepository, identity: Identity, role: Role, body: unknown): Promise<MeView> {
  const patch = parseWith(settingsSchema, body);
  await accounts.updateTenant(identity.tenantId, {
    ...(patch.tenantName === undefined ? {} : { name: patch.tenantName }),
    ...(patch.timeZone === undefined ? {} : { timeZone: patch.timeZone }),
  });
  return describeTenant(accounts, identity, role);
}
