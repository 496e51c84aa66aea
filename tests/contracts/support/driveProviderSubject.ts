import type { GoogleConnection } from '../../../core/google/googleConnection';
import { startFakeGoogle } from '../../fakes/drive';
import { fakeGoogleAdapter } from '../../support/fakeGoogleAdapter';
import { testGoogleConnection } from '../../support/testGoogleConnection';
import type { ContractFactory } from './contractSubject';
import type { StorageProviderSubject } from './providerWorld';

const connection = (): GoogleConnection => testGoogleConnection('ten_contract', 'gc_contract');

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
