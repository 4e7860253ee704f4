import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../subgraphs/shared/table-definition.js';

export interface SubgraphTableProps {
  /** The table as the subgraph declares it; the local runner and the tests create it from the same object. */
  readonly definition: TableDefinition;
  /**
   * Whether the table outlives the stack. Production data must: deletion protection and RETAIN.
   * @default false
   */
  readonly retain?: boolean;
}

const attribute = (key: KeyAttribute) => ({ name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER });

/** A subgraph's DynamoDB table, built from the subgraph's own table definition. */
export class SubgraphTable extends Construct {
  readonly table: ITableV2;

  constructor(scope: Construct, id: string, props: SubgraphTableProps) {
    super(scope, id);
    const { definition } = props;
    this.table = new TableV2(this, 'Table', {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.awsManagedKey(),
      deletionProtection: props.retain ?? false,
      // Dev stacks are disposable; prod keeps the table (and its people's data) when the stack goes.
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      ...(definition.stream ? { dynamoStream: StreamViewType[definition.stream] } : {}),
      globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
      })),
    });
  }
}
