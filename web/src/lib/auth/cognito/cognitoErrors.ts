import type { FormErrors } from '../../forms/fieldErrors';
import { m } from '../../../paraglide/messages.js';
import { CognitoApiError, NETWORK_ERROR } from './cognitoApi';

/** Which form asked Cognito: the same error type means a different thing, or field, in each. */
export type CognitoStep = 'signIn' | 'newPassword' | 'mfa' | 'signUp' | 'confirmSignUp' | 'forgotPassword' | 'resetPassword' | 'mfaSetup';

/** The field a password Cognito refused was typed in: the new one when choosing, else the password. */
const passwordField = (step: CognitoStep): string => (step === 'newPassword' || step === 'resetPassword' ? 'newPassword' : 'password');

const field = (name: string, message: string): FormErrors => ({ fields: { [name]: message }, form: '' });
const form = (message: string): FormErrors => ({ fields: {}, form: message });

/**
 * A Cognito refusal in the page's language, next to the field at fault.
 * Cognito's own messages are English and never shown: only its error type is read
 * (and, for NotAuthorizedException, whether it speaks of an expired temporary password).
 */
export function cognitoFormErrors(error: unknown, step: CognitoStep): FormErrors {
  if (step === 'mfaSetup' && error instanceof CognitoApiError) {
    const setup = mfaSetupErrors(error.type);
    if (setup !== null) return setup;
  }
  if (!(error instanceof CognitoApiError)) {
    // A bug in the app, not an answer from Cognito: keep it visible to developers.
    console.error(error);
    return form(m.error_something_wrong());
  }
  switch (error.type) {
    case NETWORK_ERROR:
      return form(m.auth_cognito_unreachable());
    case 'NotAuthorizedException':
      // At the code step it means the step's session lapsed (Cognito: "Invalid session for the user").
      if (step === 'mfa') return field('code', m.auth_cognito_mfa_expired());
      if (step === 'newPassword') return form(m.auth_cognito_step_expired());
      if (step === 'confirmSignUp') return form(m.auth_cognito_already_confirmed());
      if (/temporary password has expired/i.test(error.message)) return field('password', m.auth_cognito_invite_expired());
      return field('password', m.auth_cognito_wrong_password());
    case 'UserNotFoundException':
      return step === 'signIn' ? field('password', m.auth_cognito_wrong_password()) : field('email', m.auth_cognito_no_account());
    case 'PasswordResetRequiredException':
      return field('password', m.auth_cognito_reset_required());
    case 'UsernameExistsException':
    case 'AliasExistsException':
      return field('email', m.auth_cognito_email_taken());
    case 'InvalidPasswordException':
      return field(passwordField(step), m.auth_cognito_password_policy());
    case 'CodeMismatchException':
      return field('code', step === 'mfa' ? m.auth_cognito_mfa_code_wrong() : m.auth_cognito_code_wrong());
    case 'ExpiredCodeException':
      // A sign-in code cannot be sent again: only signing in again gives a new one.
      return field('code', step === 'mfa' ? m.auth_cognito_mfa_expired() : m.auth_cognito_code_expired());
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return form(m.auth_cognito_too_many());
    case 'CodeDeliveryFailureException':
      return form(m.auth_cognito_email_not_sent());
    case 'InvalidParameterException':
      // At sign-up the address is what Cognito checks; elsewhere nothing names the field.
      return step === 'signUp' ? field('email', m.auth_email_invalid()) : form(m.auth_cognito_check_input());
    default:
      return form(m.error_something_wrong());
  }
}

/**
 * Turning on an authenticator app in Settings (cognitoMfa.ts). A wrong or
 * stale first code is EnableSoftwareTokenMFAException from VerifySoftwareToken
 * (CodeMismatchException in some answers); the access token lapsing is
 * NotAuthorizedException; a secret that was never associated or verified is
 * InvalidParameterException or SoftwareTokenMFANotFoundException. null: as any step.
 */
function mfaSetupErrors(type: string): FormErrors | null {
  switch (type) {
    case 'EnableSoftwareTokenMFAException':
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      return field('code', m.settings_mfa_code_wrong());
    case 'NotAuthorizedException':
      return form(m.error_session_ended());
    case 'InvalidParameterException':
    case 'SoftwareTokenMFANotFoundException':
      return form(m.settings_mfa_start_again());
    default:
      return null;
  }
}
