import { request } from './client';
import type { AuthConfig, AuthResult, SignInBody, SignUpBody, TenantPatchBody, User } from './types';

/** Which sign-in the deployment uses: a local password now, Cognito in AWS later. */
export function getAuthConfig(): Promise<AuthConfig> {
  return request<AuthConfig>('GET', '/auth/config', { auth: false });
}

export function signUpLocal(input: SignUpBody): Promise<AuthResult> {
  return request<AuthResult>('POST', '/auth/local/sign-up', { body: input, auth: false });
}

export function signInLocal(input: SignInBody): Promise<AuthResult> {
  return request<AuthResult>('POST', '/auth/local/sign-in', { body: input, auth: false });
}

export function getMe(): Promise<User> {
  return request<User>('GET', '/me');
}

/** Owners: deletes the shop; `confirm` must be its exact name. Every sign-in of it ends. */
export function deleteTenant(confirm: string): Promise<void> {
  return request<void>('DELETE', '/tenant', { body: { confirm } });
}

/** Renames the tenant or sets the zone its people see times in (null: each viewer's own); answers as /me does. */
export function updateTenant(patch: TenantPatchBody): Promise<User> {
  return request<User>('PATCH', '/tenant', { body: patch });
}
