import { RemovalPolicy, type Duration } from 'aws-cdk-lib';
import { AttributeType, Billing, Operation, ProjectionType, StreamViewType, TableEncryptionV2, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../subgraphs/shared/dynamodb/table-definition.js';

export interface SubgraphTableProps {
  /** The table as the subgraph declares it; the local runner and the tests create it from the same object. */
  readonly definition: TableDefinition;
  /**
   * Whether the table outlives the stack. Production data must: deletion protection and RETAIN.
   * @default false
   */
  readonly retain?: boolean;
}

/**
 * What a subgraph's request path may do to its table: item reads and writes, queries, batches and
 * transactions (TransactWriteItems is authorized per item as Put/Update/Delete/ConditionCheck).
 * Never Scan (no Scan in a request path), never table administration.
 */
export const ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;
/** Indexes are only ever queried. */
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;

/** The operations whose throttling the alarm watches: those the request path performs. */
const REQUEST_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

const attribute = (key: KeyAttribute) => ({ name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER });

/** A subgraph's DynamoDB table, built from the subgraph's own table definition. */
export class SubgraphTable extends Construct {
  readonly table: ITableV2;
  readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, props: SubgraphTableProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
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

  /** The narrowest access the subgraph's request path needs: this table and its indexes, no more. */
  grantRequestAccess(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...ITEM_ACTIONS], resources: [this.table.tableArn] }));
    if (this.definition.globalIndexes.length === 0) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...INDEX_ACTIONS],
        // Each index by name rather than index/*: a later index is granted when it is declared.
        resources: this.definition.globalIndexes.map((index) => `${this.table.tableArn}/index/${index.name}`),
      }),
    );
  }

  /** Requests DynamoDB throttled (on the table or any of its indexes), summed over the request operations. */
  metricThrottledRequests(period: Duration) {
    return this.table.metricThrottledRequestsForOperations({ operations: REQUEST_OPERATIONS, period, statistic: 'Sum' });
  }
}
