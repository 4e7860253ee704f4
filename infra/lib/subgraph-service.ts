import { Duration, SecretValue } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { LambdaArchitecture } from '../../scripts/build.js';
import type { TableDefinition } from '../../subgraphs/shared/dynamodb/table-definition.js';
import { ALARM_PERIOD, type AlarmNotifications } from './alarm-notifications.js';
import { BundledFunction } from './bundled-function.js';
import type { StageSettings } from './stage.js';
import { SubgraphTable } from './subgraph-table.js';

export interface SubgraphServiceProps {
  /** The subgraph's name, as in the subgraph list. */
  readonly name: string;
  /** Its table, as the subgraph declares it. */
  readonly table: TableDefinition;
  /** The folder of the subgraph's bundle (`npm run build`). */
  readonly codeDirectory: string;
  readonly architecture: LambdaArchitecture;
  /** The gateway's signing key pair (see GatewaySecurity); the subgraph gets its public key only. */
  readonly gatewaySigningKey: ISecret;
  /**
   * The version of it whose public key the subgraph gets (see GatewaySecurity.signingKeyVersionId).
   * @default - the current version when the function's configuration is written
   */
  readonly gatewaySigningKeyVersionId?: string;
  readonly stage: StageSettings;
  readonly alarms: AlarmNotifications;
  /**
   * Memory of the function. Lambda's CPU share grows with it, and a cold start is mostly CPU (compiling
   * a 2 MB bundle, building the schema).
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * How long one invocation may run. The gateway waits for a subgraph exactly this long.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
}

/**
 * One subgraph in AWS: its DynamoDB table, its Lambda function (the subgraph's handler.ts, bundled)
 * with the table's name in TABLE_NAME and the grant to that table only, and the alarms of both. The
 * function has no public endpoint: only the gateway invokes it.
 */
export class SubgraphService extends Construct {
  readonly name: string;
  readonly table: SubgraphTable;
  readonly function: IFunction;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: SubgraphServiceProps) {
    super(scope, id);
    this.name = props.name;
    this.timeout = props.timeout ?? Duration.seconds(10);
    this.table = new SubgraphTable(this, 'Table', { definition: props.table, retain: props.stage.retainData });
    const fn = new BundledFunction(this, 'Function', {
      codeDirectory: props.codeDirectory,
      architecture: props.architecture,
      description: `The ${props.name} subgraph`,
      memorySize: props.memorySize ?? 1024,
      timeout: this.timeout,
      // What the handler reads at cold start (subgraphs/<name>/handler.ts); DYNAMODB_ENDPOINT stays unset in AWS.
      environment: {
        TABLE_NAME: this.table.table.tableName,
        // Public, so CloudFormation may write it into the configuration (resolved at deploy, not in the template).
        GATEWAY_PUBLIC_KEY: SecretValue.secretsManager(props.gatewaySigningKey.secretArn, {
          jsonField: 'publicKey',
          ...(props.gatewaySigningKeyVersionId !== undefined ? { versionId: props.gatewaySigningKeyVersionId } : {}),
        }).unsafeUnwrap(),
      },
      stage: props.stage,
      alarms: props.alarms,
    });
    this.table.grantRequestAccess(fn.function);
    this.function = fn.function;

    props.alarms.alarm(this.table, 'ThrottlesAlarm', {
      metric: this.table.metricThrottledRequests(ALARM_PERIOD),
      threshold: 1,
      description: `The ${props.name} table throttled requests (a hot partition, or an account limit).`,
    });
  }
}
