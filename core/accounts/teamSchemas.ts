import { z } from 'zod';
import { roles } from './role';

const email = z.string().trim().toLowerCase().pipe(z.email('must be an email address')).pipe(z.string().max(254));
const role = z.enum(roles, { error: 'must be one of staff, admin, owner' });

export const inviteSchema = z.strictObject({ email, role });

export const memberPatchSchema = z.strictObject({ role });

export const acceptInviteSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be the token from the invite link'),
  password: z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters'),
});
