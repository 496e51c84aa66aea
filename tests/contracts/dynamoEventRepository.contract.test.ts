import { DynamoEventRepository } from '../../adapters/dynamodb/dynamoEventRepository';
import { startDynamoTables } from '../support/dynamoTables';
import { describeEventRepositoryContract } from './eventRepositoryContract';

describeEventRepositoryContract('DynamoEventRepository on dynalite', async () => {
  const tables = await startDynamoTables('contract-events');
  return { make: async () => new DynamoEventRepository(await tables.freshTable()), close: () => tables.close() };
});
