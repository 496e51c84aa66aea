import type { GoogleConnection } from '../../../core/google/googleConnection';
import { startFakeGoogle } from '../../fakes/drive';
import { fakeGoogleAdapter } from '../../support/fakeGoogleAdapter';
import type { ContractFactory } from './contractSubject';
import type { StorageProviderSubject } from './providerWorld';

const sealedPlaceholder = { v: 1, keyId: 'test', wrappedKey: '', iv: '', tag: '', ciphertext: '' } as const;

function connection(): GoogleConnection {
  return {
    tenantId: 'ten_contract',
    id: 'gc_contract',
    kind: 'oauth',
    email: 'test.user@example.com',
    status: 'active',
    statusMessage: null,
    scopes: [],
    secret: sealedPlaceholder,
    subject: null,
    createdBy: 'usr_1',
    createdAt: '2025-07-18T00:00:00.000Z',
    updatedAt: '2025-07-18T00:00:00.000Z',
  };
}

/**
 * GoogleDriveProvider as production builds it (GoogleOAuthAdapter, its pacer,
 * a refresh token) against the real-HTTP Drive fake; one fake per suite, a
 * fresh top folder per test.
 */
export const driveProviderSubject: ContractFactory<StorageProviderSubject> = async () => {
  const fake = await startFakeGoogle({ accessTokenTtlSeconds: 3600 });
  const provider = fakeGoogleAdapter(fake).providerForConnection(connection(), fake.oauth.grant().refresh_token ?? '');
  let tests = 0;
  const drive = fake.drive;
  return {
    make: async () => {
      tests += 1;
      return {
        provider,
        listPageSize: 1000,
        changesPageSize: 1000,
        world: {
          topFolderId: drive.addFolder({ name: `contract ${tests}` }),
          addFolder: (name, parentId) => drive.addFolder({ name, parentId }),
          addFile: (name, parentId, content) => drive.addFile({ name, parentId, content: Buffer.from(content) }),
          addShortcut: (name, parentId, targetId) => drive.addShortcut({ name, parentId, targetId }),
          rename: (id, name) => drive.rename(id, name),
          move: (id, newParentId) => drive.move(id, newParentId),
          trash: (id) => drive.trash(id),
          updateContent: (id, content) => drive.updateContent(id, Buffer.from(content)),
          delete: (id) => drive.delete(id),
        },
      };
    },
    close: () => fake.stop(),
  };
};
