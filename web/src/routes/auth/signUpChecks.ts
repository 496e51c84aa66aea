import type { FormErrors } from '../../lib/forms/fieldErrors';
import { m } from '../../paraglide/messages.js';

export interface SignUpFields {
  tenantName: string;
  email: string;
  password: string;
}

/** Loose on purpose: the API decides; this only catches what is plainly not an address. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The user pool's policy (infra/aws/stacks/ApiStack.ts): 12+ characters, lower, upper, digit, symbol. */
function meetsCognitoPolicy(password: string): boolean {
  return password.length >= 12 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /[0-9]/.test(password) && /[^A-Za-z0-9]/.test(password);
}

/**
 * Every problem of the sign-up form at once, keyed by field, so a person
 * fixes them in one go instead of one per attempt. The API (or Cognito) checks again.
 */
export function signUpProblems(fields: SignUpFields, mode: 'local' | 'cognito' = 'local'): Record<string, string> {
  const problems: Record<string, string> = {};
  if (fields.tenantName.trim() === '') problems.tenantName = m.auth_required_tenant();
  if (fields.email.trim() === '') problems.email = m.auth_required_email();
  else if (!EMAIL.test(fields.email.trim())) problems.email = m.auth_email_invalid();
  if (fields.password === '') problems.password = m.auth_required_password();
  else if (mode === 'cognito' && !meetsCognitoPolicy(fields.password)) problems.password = m.auth_cognito_password_policy();
  else if (fields.password.length < 8) problems.password = m.auth_password_short();
  return problems;
}

/** The sign-up form's fields, in the order the cursor visits them. */
export const SIGN_UP_FIELDS = ['tenantName', 'email', 'password'] as const;

/**
 * The sign-up form's errors before anything is sent, for both forms (local and
 * Cognito): every problem at once, counted above the form when there are
 * several; null when there is none.
 */
export function signUpFormErrors(fields: SignUpFields, mode: 'local' | 'cognito' = 'local'): FormErrors | null {
  const problems = signUpProblems(fields, mode);
  const count = Object.keys(problems).length;
  if (count === 0) return null;
  return { fields: problems, form: count > 1 ? m.auth_errors_summary({ count }) : '' };
}

/** Puts the cursor in the first sign-up field with a problem. */
export function focusFirstProblem(errors: FormErrors): void {
  const field = SIGN_UP_FIELDS.find((name) => errors.fields[name]);
  if (field) document.getElementById(field)?.focus();
}
