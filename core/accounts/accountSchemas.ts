import { z } from 'zod';

const email = z.string().trim().toLowerCase().pipe(z.email('must be an email address')).pipe(z.string().max(254));

export const signUpSchema = z.strictObject({
  email,
  password: z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters'),
  tenantName: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
});

export const signInSchema = z.strictObject({
  email,
  password: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});
