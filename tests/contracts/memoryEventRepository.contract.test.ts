import { MemoryEventRepository } from '../fakes/memoryEventRepository';
import { describeEventRepositoryContract } from './eventRepositoryContract';

describeEventRepositoryContract('MemoryEventRepository', async () => ({ make: async () => new MemoryEventRepository() }));
