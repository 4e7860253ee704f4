import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { peopleTable } from '../../subgraphs/people/table.js';
import { createTableInput, createTables, deleteTables } from '../../subgraphs/shared/dynamodb/table-definition.js';

describe('table administration', () => {
  // A client that fails loudly if anything is sent: the refusal must come before any call.
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  const remote = 'https://dynamodb.us-east-1.amazonaws.com';

  it('refuses to create tables on a non-local endpoint unless told to', async () => {
    await expect(createTables(client, [{ definition: peopleTable, tableName: 'people' }], { endpoint: remote })).rejects.toThrow(
      /Refusing to create tables on https:\/\/dynamodb.us-east-1.amazonaws.com: it is not a local DynamoDB/,
    );
    await expect(createTables(client, [{ definition: peopleTable, tableName: 'people' }], { endpoint: undefined })).rejects.toThrow(
      /Refusing to create tables on the default AWS endpoint/,
    );
  });

  it('refuses to delete tables on a non-local endpoint unless told to', async () => {
    await expect(deleteTables(client, ['people'], { endpoint: remote })).rejects.toThrow(/Refusing to delete tables/);
  });

  it('builds the CreateTable input from the one definition, indexes and stream included', () => {
    expect(createTableInput(peopleTable, 'p-people')).toEqual({
      TableName: 'p-people',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'facet', AttributeType: 'S' },
        { AttributeName: 'personId', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byFacet',
          KeySchema: [
            { AttributeName: 'facet', KeyType: 'HASH' },
            { AttributeName: 'personId', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});
