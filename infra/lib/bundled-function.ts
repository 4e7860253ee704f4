import { Validations, type Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LambdaArchitecture } from '../../scripts/build.js';
import { ALARM_PERIOD, type AlarmNotifications } from './alarm-notifications.js';
import type { StageSettings } from './stage.js';

/** Every function here runs on this runtime: the Node.js the code is built and tested for. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;

export interface BundledFunctionProps {
  /** The folder `npm run build` wrote the function's bundle to (index.mjs exporting `handler`). */
  readonly codeDirectory: string;
  /** What the bundle was built for: a native addon in it must match the function. */
  readonly architecture: LambdaArchitecture;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Readonly<Record<string, string>>;
  readonly stage: StageSettings;
  readonly alarms: AlarmNotifications;
}

/**
 * A Lambda function from one of our esbuild bundles, with the things every function here has: its own
 * log group (retention and removal by stage), a role that may write only to that log group and send
 * traces, source-mapped stack traces, and alarms on errors and throttles.
 */
export class BundledFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.stage.logRetention, removalPolicy: props.stage.removalPolicy });
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy, which may write to
    // every log group in the account; grants are added by the construct that owns the function.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `${props.description}: execution role` });
    this.logGroup.grantWrite(this.role);
    this.function = new LambdaFunction(this, 'Function', {
      description: props.description,
      code: Code.fromAsset(props.codeDirectory),
      handler: 'index.handler',
      runtime: LAMBDA_RUNTIME,
      architecture: props.architecture === 'arm64' ? Architecture.ARM_64 : Architecture.X86_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        // The bundles are minified; their source maps turn stack traces back into file:line.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
    });
    Validations.of(this.function).acknowledge(
      ...['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'].map((id) => ({
        id,
        reason:
          'Node.js 22 (LTS until April 2027) is the version the bundles are built for (esbuild target node22) and the native planner was verified on; moving to Node.js 24 is an upgrade of its own, tested as one.',
      })),
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously only (HTTP API, or the gateway awaiting a subgraph): the caller receives every failure; there is no asynchronous event to lose.',
      },
      {
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason: 'Invoked synchronously only (HTTP API, or the gateway awaiting a subgraph): no asynchronous invocation can fail unseen.',
      },
    );

    props.alarms.alarm(this, 'ErrorsAlarm', {
      metric: this.function.metricErrors({ statistic: 'Sum', period: ALARM_PERIOD }),
      threshold: 1,
      description: `${props.description}: an invocation failed (crash or timeout).`,
    });
    props.alarms.alarm(this, 'ThrottlesAlarm', {
      metric: this.function.metricThrottles({ statistic: 'Sum', period: ALARM_PERIOD }),
      threshold: 1,
      description: `${props.description}: an invocation was throttled (concurrency limit reached).`,
    });
  }
}
