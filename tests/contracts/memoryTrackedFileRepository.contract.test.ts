import { MemoryTrackedFileRepository } from '../fakes/memoryTrackedFileRepository';
import { describeTrackedFileRepositoryContract } from './trackedFileRepositoryContract';

describeTrackedFileRepositoryContract('MemoryTrackedFileRepository', async () => ({ make: async () => new MemoryTrackedFileRepository() }));
