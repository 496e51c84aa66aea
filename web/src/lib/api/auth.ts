import { request } from './client';
import type { AuthConfig, AuthResult, User } from './types';

/** Which sign-in the deployment uses: a local password now, Cognito in AWS later. */
export function getAuthConfig(): Promise<AuthConfig> {
  return request<AuthConfig>('GET', '/auth/config', { auth: false });
}

export function signUpLocal(input: { email: string; password: string; tenantName: string }): Promise<AuthResult> {
  return request<AuthResult>('POST', '/auth/local/sign-up', { body: input, auth: false });
}

export function signInLocal(input: { email: string; password: string }): Promise<AuthResult> {
  return request<AuthResult>('POST', '/auth/local/sign-in', { body: input, auth: false });
}

export function getMe(): Promise<User> {
  return request<User>('GET', '/me');
}

/** Renames the tenant or sets the zone its people see times in (null: each viewer's own); answers as /me does. */
export function updateTenant(patch: { tenantName?: string; timeZone?: string | null }): Promise<User> {
  return request<User>('PATCH', '/tenant', { body: patch });
}
