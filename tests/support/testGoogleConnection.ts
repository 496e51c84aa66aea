import type { GoogleConnection } from '../../core/google/googleConnection';

/**
 * An active OAuth connection for tests that hand the Google adapter a grant
 * directly. The sealed secret is a placeholder: these tests give the adapter
 * the refresh token themselves, so nothing is ever opened.
 */
export function testGoogleConnection(tenantId: string, id: string): GoogleConnection {
  return {
    tenantId,
    id,
    kind: 'oauth',
    email: 'test.user@example.com',
    status: 'active',
    statusMessage: null,
    scopes: [],
    secret: { v: 1, keyId: 'test', wrappedKey: '', iv: '', tag: '', ciphertext: '' },
    subject: null,
    createdBy: 'usr_1',
    createdAt: '2025-07-18T00:00:00.000Z',
    updatedAt: '2025-07-18T00:00:00.000Z',
  };
}
