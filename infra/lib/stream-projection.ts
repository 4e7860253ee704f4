import { Duration, Validations } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LambdaArchitecture } from '../../scripts/build.js';
import { ALARM_PERIOD, type AlarmNotifications } from './alarm-notifications.js';
import { BundledFunction } from './bundled-function.js';
import type { StageSettings } from './stage.js';
import type { SubgraphService } from './subgraph-service.js';

export interface StreamProjectionProps {
  /** The subgraph whose table the projection writes (its stream handler's bundle, its table). */
  readonly target: SubgraphService;
  /** The folder of the stream handler's bundle (`npm run build`). */
  readonly codeDirectory: string;
  readonly architecture: LambdaArchitecture;
  /** The tables read, each with the sort key of the only items the projection needs from it. */
  readonly sources: readonly { readonly service: SubgraphService; readonly sortKey: string }[];
  readonly stage: StageSettings;
  readonly alarms: AlarmNotifications;
}

/**
 * A subgraph's projection of other subgraphs' tables: a function fed by event-source mappings on
 * their streams, writing only its own subgraph's table. It may read the source tables' streams,
 * never their items. Mappings filter on the items' sort key (a person's record, not its index items),
 * bisect a failing batch and park a record that keeps failing in a dead-letter queue, with alarms on
 * the queue and on the stream falling behind.
 */
export class StreamProjection extends Construct {
  readonly function: BundledFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: StreamProjectionProps) {
    super(scope, id);
    this.function = new BundledFunction(this, 'Function', {
      codeDirectory: props.codeDirectory,
      architecture: props.architecture,
      description: `The ${props.target.name} subgraph's projections of ${props.sources.map((s) => s.service.name).join(' and ')}`,
      memorySize: 512,
      timeout: Duration.seconds(60),
      environment: { TABLE_NAME: props.target.table.table.tableName },
      stage: props.stage,
      alarms: props.alarms,
    });
    props.target.table.grantRequestAccess(this.function.function);

    this.deadLetters = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetters).acknowledge(
      ...['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'].map((id) => ({
        id,
        reason: 'This queue is the dead-letter queue of the stream mappings: nothing consumes it automatically, so nothing could fail into another queue.',
      })),
    );
    for (const source of props.sources) {
      this.function.function.addEventSource(
        new DynamoEventSource(source.service.table.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          retryAttempts: 10,
          onFailure: new SqsDlq(this.deadLetters),
          filters: [FilterCriteria.filter({ dynamodb: { NewImage: { sk: { S: FilterRule.isEqual(source.sortKey) } } } })],
        }),
      );
    }

    props.alarms.alarm(this, 'DeadLettersAlarm', {
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
      threshold: 1,
      description: `A change record could not be projected into the ${props.target.name} table after retries: its statistics may be off until it is replayed.`,
    });
    props.alarms.alarm(this, 'IteratorAgeAlarm', {
      metric: this.function.function.metric('IteratorAge', { period: ALARM_PERIOD, statistic: 'Maximum' }),
      threshold: 60_000,
      description: `The ${props.target.name} projections are more than a minute behind their streams.`,
    });
  }
}
