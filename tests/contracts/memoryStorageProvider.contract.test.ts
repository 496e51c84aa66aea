import { MemoryStorageProvider } from '../fakes/memoryStorageProvider';
import { describeStorageProviderContract } from './storageProviderContract';

describeStorageProviderContract('MemoryStorageProvider', async () => ({
  make: async () => {
    // Small pages, so paging is exercised with a handful of files.
    const provider = new MemoryStorageProvider({ listPageSize: 3, changesPageSize: 3, chunkSize: 4096 });
    const { tree } = provider;
    return {
      provider,
      listPageSize: 3,
      changesPageSize: 3,
      world: {
        topFolderId: tree.addFolder({ name: 'contract' }),
        addFolder: (name, parentId) => tree.addFolder({ name, parentId }),
        addFile: (name, parentId, content) => tree.addFile({ id: `file-${name}-${tree.cursor}`, name, parentId, content }).id,
        addShortcut: (name, parentId, targetId) => tree.addShortcut({ name, parentId, targetId }),
        rename: (id, name) => tree.rename(id, name),
        move: (id, newParentId) => tree.move(id, newParentId),
        trash: (id) => tree.trash(id),
        updateContent: (id, content) => tree.updateContent(id, content),
        delete: (id) => tree.delete(id),
      },
    };
  },
}));
