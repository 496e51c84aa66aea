import type { FunctionSpec } from '../../../functions/catalog';

/** One entry of a catalogue function's `needs`. */
export type Need = FunctionSpec['needs'][number];

/**
 * Needs served by a managed policy in the storage stack (all but 'sfn:start',
 * the environment-only 'google', the secret-backed 'page-tokens' and
 * 'cognito:users', which the API stack grants on its user pool).
 */
export type StorageNeed = Exclude<Need, 'sfn:start' | 'google' | 'page-tokens' | 'cognito:users'>;

export const storageNeeds: readonly StorageNeed[] = [
  'table:read',
  'table:write',
  'bucket:read',
  'bucket:write',
  'kms:google-connection',
  'kms:google-connection:open',
  'kms:pkce',
  'kms:camera-credentials',
  'kms:camera-credentials:open',
];

/** True for the envelope-encryption needs, which also get the app key's ARN as KMS_KEY_ARN. */
export function isKmsNeed(need: Need): boolean {
  return need.startsWith('kms:');
}
