import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LaborCooperationStack } from '../../infra/lib/labor-cooperation-stack.js';
import { createTableInput } from '../../subgraphs/shared/table-definition.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';

const synth = (stage: 'dev' | 'prod') =>
  Template.fromStack(new LaborCooperationStack(new App(), `Test-${stage}`, { stage, subgraphs: subgraphList }));

describe('LaborCooperationStack', () => {
  it('has one table per subgraph, with the keys, indexes and stream of its table definition', () => {
    const template = synth('dev');
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', subgraphList.length);
    for (const subgraph of subgraphList) {
      const local = createTableInput(subgraph.table, subgraph.table.name);
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: local.KeySchema,
        AttributeDefinitions: Match.arrayEquals(local.AttributeDefinitions!),
        GlobalSecondaryIndexes: local.GlobalSecondaryIndexes!.map((index) => ({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection })),
        BillingMode: 'PAY_PER_REQUEST',
        ...(local.StreamSpecification ? { StreamSpecification: { StreamViewType: local.StreamSpecification.StreamViewType } } : {}),
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      });
    }
  });

  it('names no table: CloudFormation does, so stages and accounts never collide', () => {
    for (const table of Object.values(synth('dev').findResources('AWS::DynamoDB::GlobalTable'))) {
      expect(table.Properties.TableName).toBeUndefined();
    }
  });

  it('retains prod tables with deletion protection, and lets dev tables go', () => {
    const prod = Object.values(synth('prod').findResources('AWS::DynamoDB::GlobalTable'));
    for (const table of prod) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    }
    for (const table of Object.values(synth('dev').findResources('AWS::DynamoDB::GlobalTable'))) expect(table.DeletionPolicy).toBe('Delete');
  });
});
