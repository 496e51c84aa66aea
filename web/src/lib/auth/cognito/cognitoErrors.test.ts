import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from '../../i18n/locale';
import { CognitoApiError, NETWORK_ERROR } from './cognitoApi';
import { cognitoFormErrors } from './cognitoErrors';

afterEach(() => chooseLocale('en'));

const refusal = (type: string, message = ''): CognitoApiError => new CognitoApiError(type, message);

describe('cognitoFormErrors', () => {
  it('puts each refusal next to the field at fault, in the page’s words, never Cognito’s', () => {
    expect(cognitoFormErrors(refusal('NotAuthorizedException', 'Incorrect username or password.'), 'signIn')).toEqual({
      fields: { password: 'Wrong email or password.' },
      form: '',
    });
    expect(cognitoFormErrors(refusal('UsernameExistsException'), 'signUp').fields).toEqual({ email: 'An account with this email already exists. Sign in instead.' });
    expect(cognitoFormErrors(refusal('InvalidPasswordException', 'Password did not conform with policy'), 'newPassword').fields).toHaveProperty('newPassword');
    expect(cognitoFormErrors(refusal('InvalidPasswordException'), 'signUp').fields).toHaveProperty('password');
    expect(cognitoFormErrors(refusal('CodeMismatchException'), 'resetPassword').fields).toEqual({ code: 'That code is not right. Check the email we sent and try again.' });
    expect(cognitoFormErrors(refusal('ExpiredCodeException'), 'confirmSignUp').fields).toEqual({ code: 'That code has expired. Send a new one.' });
    expect(cognitoFormErrors(refusal('UserNotFoundException'), 'forgotPassword').fields).toEqual({ email: 'No account uses this email.' });
  });

  it('tells an expired invitation, an expired step, too many attempts and no network apart', () => {
    expect(cognitoFormErrors(refusal('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.'), 'signIn').fields.password).toBe(
      'Your temporary password has expired. Ask the shop owner to invite you again.',
    );
    expect(cognitoFormErrors(refusal('NotAuthorizedException', 'Invalid session for the user, session is expired.'), 'newPassword').form).toBe(
      'This step took too long. Please sign in again.',
    );
    expect(cognitoFormErrors(refusal('LimitExceededException'), 'forgotPassword').form).toBe('Too many attempts. Wait a few minutes and try again.');
    expect(cognitoFormErrors(refusal(NETWORK_ERROR), 'signIn').form).toBe('Could not reach the sign-in service. Check your connection and try again.');
    expect(cognitoFormErrors(refusal('InternalErrorException', 'stack trace'), 'signIn').form).not.toContain('stack');
  });

  it('puts a wrong or lapsed sign-in code (MFA) next to the code field, in both languages', () => {
    // Act
    const wrong = cognitoFormErrors(refusal('CodeMismatchException', 'Invalid code received for user'), 'mfa');
    const lapsed = cognitoFormErrors(refusal('NotAuthorizedException', 'Invalid session for the user, session is expired.'), 'mfa');
    const expired = cognitoFormErrors(refusal('ExpiredCodeException'), 'mfa');
    chooseLocale('vi');
    const wrongVi = cognitoFormErrors(refusal('CodeMismatchException'), 'mfa');
    const lapsedVi = cognitoFormErrors(refusal('NotAuthorizedException'), 'mfa');

    // Assess
    expect(wrong).toEqual({ fields: { code: 'That code is not right, or it has changed since. Enter the newest code and try again.' }, form: '' });
    expect(lapsed).toEqual({ fields: { code: 'This step has expired. Go back and sign in again.' }, form: '' });
    expect(expired).toEqual(lapsed);
    expect(wrongVi.fields.code).toBe('Mã không đúng hoặc đã đổi. Hãy nhập mã mới nhất và thử lại.');
    expect(lapsedVi.fields.code).toBe('Bước nhập mã đã hết hạn. Hãy quay lại và đăng nhập lại.');
  });

  it('words the refusals of turning on an authenticator app in Settings: a wrong first code on the code field, a lapsed session, a setup to start again', () => {
    // Act
    const wrong = cognitoFormErrors(refusal('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'), 'mfaSetup');
    const mismatch = cognitoFormErrors(refusal('CodeMismatchException'), 'mfaSetup');
    const lapsed = cognitoFormErrors(refusal('NotAuthorizedException', 'Access Token has expired'), 'mfaSetup');
    const unverified = cognitoFormErrors(refusal('InvalidParameterException', 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA'), 'mfaSetup');
    const offline = cognitoFormErrors(refusal(NETWORK_ERROR), 'mfaSetup');
    chooseLocale('vi');
    const wrongVi = cognitoFormErrors(refusal('EnableSoftwareTokenMFAException'), 'mfaSetup');

    // Assess
    expect(wrong).toEqual({ fields: { code: 'That code is not right. Enter the code the app shows now for VTrack; it changes every 30 seconds.' }, form: '' });
    expect(mismatch).toEqual(wrong);
    expect(lapsed).toEqual({ fields: {}, form: 'Your session has ended. Please sign in again.' });
    expect(unverified).toEqual({ fields: {}, form: 'The setup did not finish. Cancel and start again.' });
    expect(offline.form).toBe('Could not reach the sign-in service. Check your connection and try again.');
    expect(wrongVi.fields.code).toBe('Mã không đúng. Hãy nhập mã ứng dụng đang hiện cho VTrack; mã đổi sau mỗi 30 giây.');
  });

  it('words the refusals in Vietnamese on a Vietnamese page', () => {
    chooseLocale('vi');
    expect(cognitoFormErrors(refusal('NotAuthorizedException'), 'signIn').fields.password).toBe('Email hoặc mật khẩu không đúng.');
    expect(cognitoFormErrors(refusal('UsernameExistsException'), 'signUp').fields.email).toBe('Đã có tài khoản dùng email này. Hãy đăng nhập.');
    expect(cognitoFormErrors(refusal('LimitExceededException'), 'signIn').form).toBe('Bạn đã thử quá nhiều lần. Hãy đợi vài phút rồi thử lại.');
  });
});
