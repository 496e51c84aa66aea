import { m } from '../../paraglide/messages.js';

export interface SignUpFields {
  tenantName: string;
  email: string;
  password: string;
}

/** Loose on purpose: the API decides; this only catches what is plainly not an address. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Every problem of the sign-up form at once, keyed by field, so a person
 * fixes them in one go instead of one per attempt. The API checks again.
 */
export function signUpProblems(fields: SignUpFields): Record<string, string> {
  const problems: Record<string, string> = {};
  if (fields.tenantName.trim() === '') problems.tenantName = m.auth_required_tenant();
  if (fields.email.trim() === '') problems.email = m.auth_required_email();
  else if (!EMAIL.test(fields.email.trim())) problems.email = m.auth_email_invalid();
  if (fields.password === '') problems.password = m.auth_required_password();
  else if (fields.password.length < 8) problems.password = m.auth_password_short();
  return problems;
}
