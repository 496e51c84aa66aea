import { DynamoTrackedFileRepository } from '../../adapters/dynamodb/dynamoTrackedFileRepository';
import { startDynamoTables } from '../support/dynamoTables';
import { describeTrackedFileRepositoryContract } from './trackedFileRepositoryContract';

describeTrackedFileRepositoryContract('DynamoTrackedFileRepository on dynalite', async () => {
  const tables = await startDynamoTables('contract-files');
  return { make: async () => new DynamoTrackedFileRepository(await tables.freshTable()), close: () => tables.close() };
});
