import { callCognito } from './cognitoApi';
import type { PoolConfig } from './cognitoSignIn';

/**
 * Creating an account and recovering a password against Cognito's user-pool
 * API. Cognito emails the codes (infra/aws/cognitoEmails.ts); the
 * post-confirmation trigger makes the shop from `custom:tenantName`.
 */

export async function signUpWithCognito(config: PoolConfig, fields: { tenantName: string; email: string; password: string }): Promise<void> {
  await callCognito(config.endpoint, 'SignUp', {
    ClientId: config.clientId,
    Username: fields.email,
    Password: fields.password,
    UserAttributes: [
      { Name: 'email', Value: fields.email },
      { Name: 'custom:tenantName', Value: fields.tenantName },
    ],
  });
}

export async function confirmSignUp(config: PoolConfig, email: string, code: string): Promise<void> {
  await callCognito(config.endpoint, 'ConfirmSignUp', { ClientId: config.clientId, Username: email, ConfirmationCode: code });
}

export async function resendConfirmationCode(config: PoolConfig, email: string): Promise<void> {
  await callCognito(config.endpoint, 'ResendConfirmationCode', { ClientId: config.clientId, Username: email });
}

export async function forgotPassword(config: PoolConfig, email: string): Promise<void> {
  await callCognito(config.endpoint, 'ForgotPassword', { ClientId: config.clientId, Username: email });
}

export async function confirmForgotPassword(config: PoolConfig, fields: { email: string; code: string; newPassword: string }): Promise<void> {
  await callCognito(config.endpoint, 'ConfirmForgotPassword', {
    ClientId: config.clientId,
    Username: fields.email,
    ConfirmationCode: fields.code,
    Password: fields.newPassword,
  });
}
