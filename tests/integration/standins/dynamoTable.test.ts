import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand as DocQueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../../infra/local/dynamodb/startDynamoStandIn';
import type { RunningService } from '../../../infra/local/runningService';
import { caught } from './support/caught';

const TABLE = 'vtrack';

describe('DynamoDB stand-in: the operations VTrack uses', () => {
  let dynamo: RunningService;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startDynamoStandIn({});
    client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    await createTableIfMissing(client, TABLE);
  });

  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  test('createTableIfMissing makes the pk/sk table with gsi1 and gsi2, on demand, and is idempotent', async () => {
    // Act
    await createTableIfMissing(client, TABLE);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));

    // Assess
    expect(dynamo.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const indexes = (Table?.GlobalSecondaryIndexes ?? [])
      .map((index) => ({ name: index.IndexName, keys: index.KeySchema, projection: index.Projection?.ProjectionType }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(indexes).toEqual(
      ['gsi1', 'gsi2'].map((name) => ({
        name,
        keys: [
          { AttributeName: `${name}pk`, KeyType: 'HASH' },
          { AttributeName: `${name}sk`, KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      })),
    );
  });

  test('a Put conditioned on attribute_not_exists fails with ConditionalCheckFailedException when the item exists', async () => {
    // Prepare
    const item = { pk: { S: 'TENANT#t1#SOURCE#s1' }, sk: { S: 'META' }, name: { S: 'first' } };
    const putIfAbsent = (name: string) =>
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { ...item, name: { S: name } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await putIfAbsent('first');

    // Act
    const second = await caught(putIfAbsent('second'));

    // Assess
    expect(second).toBeInstanceOf(ConditionalCheckFailedException);
    const stored = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
    expect(stored.Item?.name).toEqual({ S: 'first' });
  });

  test('a conditional Update with ADD and SET applies only while the condition holds', async () => {
    // Prepare: a run with a counter, claimed by one worker
    const key = { pk: { S: 'TENANT#t1#RUN#r1' }, sk: { S: 'META' } };
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key, filesDone: { N: '0' }, status: { S: 'running' } } }));
    const finishFile = (expectedStatus: string) =>
      client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: key,
          UpdateExpression: 'ADD filesDone :one, bytesDone :bytes SET lastFile = :file',
          ConditionExpression: '#status = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':one': { N: '1' },
            ':bytes': { N: '1048576' },
            ':file': { S: 'Cam1_093000.mp4' },
            ':expected': { S: expectedStatus },
          },
          ReturnValues: 'ALL_NEW',
        }),
      );

    // Act
    const first = await finishFile('running');
    const second = await finishFile('running');
    const refused = await caught(finishFile('finished'));

    // Assess
    expect(first.Attributes?.filesDone).toEqual({ N: '1' });
    expect(second.Attributes).toMatchObject({
      filesDone: { N: '2' },
      bytesDone: { N: '2097152' },
      lastFile: { S: 'Cam1_093000.mp4' },
    });
    expect(refused).toBeInstanceOf(ConditionalCheckFailedException);
  });

  test('Query pages a partition in sort-key order with Limit and ExclusiveStartKey', async () => {
    // Prepare
    const pk = 'TENANT#t2#SOURCE#s9';
    const sks = Array.from({ length: 11 }, (_, i) => `FILE#${String(i).padStart(3, '0')}`);
    for (const sk of [...sks].reverse()) {
      await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, sk: { S: sk } } }));
    }

    // Act
    const pages = await queryAllPages({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } } }, 4);

    // Assess
    expect(pages.map((page) => page.length)).toEqual([4, 4, 3]);
    expect(pages.flat().map((item) => item.sk?.S)).toEqual(sks);
  });

  test('Query on gsi1 finds due items by index key, in index order, across pages', async () => {
    // Prepare: sources due at various times, in two index partitions
    const due = ['2026-01-01T10:00Z', '2026-01-01T10:05Z', '2026-01-01T10:10Z', '2026-01-01T10:15Z', '2026-01-01T10:20Z'];
    for (const [i, at] of [...due].reverse().entries()) {
      await client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: {
            pk: { S: `TENANT#t3#SOURCE#s${i}` },
            sk: { S: 'META' },
            gsi1pk: { S: 'DUE' },
            gsi1sk: { S: at },
          },
        }),
      );
    }
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'TENANT#t3#SOURCE#other' }, sk: { S: 'META' }, gsi1pk: { S: 'PAUSED' }, gsi1sk: { S: '2026-01-01T10:00Z' } },
      }),
    );

    // Act: everything due up to 10:15, two at a time
    const pages = await queryAllPages(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':due': { S: 'DUE' }, ':now': { S: '2026-01-01T10:15Z' } },
      },
      2,
    );

    // Assess
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.flat().map((item) => item.gsi1sk?.S)).toEqual(due.slice(0, 4));
    expect(pages.flat().every((item) => item.pk?.S?.startsWith('TENANT#t3#SOURCE#s'))).toBe(true);
  });

  test('BatchWriteItem writes 25 items in one call and refuses 26', async () => {
    // Prepare
    const request = (i: number) => ({
      PutRequest: {
        Item: { pk: { S: 'TENANT#t4#RUN#r1' }, sk: { S: `EVENT#${String(i).padStart(2, '0')}` }, gsi2pk: { S: 'STATUS#done' }, gsi2sk: { S: `${i}` } },
      },
    });

    // Act
    const written = await client.send(
      new BatchWriteItemCommand({ RequestItems: { [TABLE]: Array.from({ length: 25 }, (_, i) => request(i)) } }),
    );
    const tooMany = await caught(
      client.send(
        new BatchWriteItemCommand({ RequestItems: { [TABLE]: Array.from({ length: 26 }, (_, i) => request(100 + i)) } }),
      ),
    );

    // Assess
    expect(written.UnprocessedItems ?? {}).toEqual({});
    const stored = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'TENANT#t4#RUN#r1' } },
        Select: 'COUNT',
      }),
    );
    expect(stored.Count).toBe(25);
    expect(tooMany).toMatchObject({ name: 'ValidationException' });
  });

  test('Scan with a filter returns only matching items', async () => {
    // Prepare
    for (const [i, status] of ['failed', 'done', 'failed', 'done', 'done'].entries()) {
      await client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: `TENANT#t5#FILE#f${i}` }, sk: { S: 'META' }, fileStatus: { S: status } },
        }),
      );
    }

    // Act
    const failed = await client.send(
      new ScanCommand({
        TableName: TABLE,
        FilterExpression: 'begins_with(pk, :tenant) AND fileStatus = :failed',
        ExpressionAttributeValues: { ':tenant': { S: 'TENANT#t5#' }, ':failed': { S: 'failed' } },
      }),
    );

    // Assess
    expect(failed.Items?.map((item) => item.pk?.S).sort()).toEqual(['TENANT#t5#FILE#f0', 'TENANT#t5#FILE#f2']);
  });

  test('the DocumentClient round-trips plain JS values and queries gsi2', async () => {
    // Prepare
    const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const item = {
      pk: 'TENANT#t6#FILE#f1',
      sk: 'META',
      gsi2pk: 'TENANT#t6#STATUS#stored',
      gsi2sk: '2026-01-01T10:00:00Z',
      sizeBytes: 123_456_789,
      checksum: { algorithm: 'md5', value: 'abc' },
      cameras: ['cam1', 'cam2'],
      tags: new Set(['a', 'b']),
      done: true,
      note: undefined,
    };

    // Act
    await documents.send(new PutCommand({ TableName: TABLE, Item: item }));
    const got = await documents.send(new GetCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk } }));
    const byStatus = await documents.send(
      new DocQueryCommand({
        TableName: TABLE,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :status',
        ExpressionAttributeValues: { ':status': 'TENANT#t6#STATUS#stored' },
      }),
    );

    // Assess
    const { note: _note, ...expected } = item;
    expect(got.Item).toEqual(expected);
    expect(byStatus.Items?.map((found) => found.pk)).toEqual([item.pk]);
  });

  async function queryAllPages(
    input: { IndexName?: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, AttributeValue> },
    limit: number,
  ): Promise<Record<string, AttributeValue>[][]> {
    const pages: Record<string, AttributeValue>[][] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new QueryCommand({ TableName: TABLE, ...input, Limit: limit, ExclusiveStartKey: startKey }));
      if (page.Items?.length) pages.push(page.Items);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return pages;
  }
});
