import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { LambdaArchitecture } from '../../scripts/build.js';
import { ALARM_PERIOD, type AlarmNotifications } from './alarm-notifications.js';
import { BundledFunction } from './bundled-function.js';
import type { StageSettings } from './stage.js';

/** The object in the supergraph bucket the gateway polls and `npm run publish-supergraph` writes. */
export const SUPERGRAPH_OBJECT_KEY = 'supergraph.graphql';

/** An in-account subgraph the gateway reaches by Lambda invoke. */
export interface InvokedSubgraph {
  readonly name: string;
  readonly function: IFunction;
  /** How long the gateway waits for it: as long as the function may run. */
  readonly timeout: Duration;
}

/** A partner province's subgraph, hosted elsewhere and reached over HTTPS. */
export interface PartnerSubgraph {
  /** Its name in the supergraph. */
  readonly name: string;
  /** e.g. `https://graphql.partner.example.cn/graphql`. */
  readonly url: string;
  /**
   * The secret the gateway signs its requests to this partner with (the whole SecretString). The
   * gateway reads it at cold start and every SECRETS_MAX_AGE_SECONDS; its name reaches the function
   * in PARTNER_SECRET_IDS, never its value.
   */
  readonly signingSecret: ISecret;
}

/** How callers are authenticated (issue 7): clients by their JWT, the gateway by the tokens it signs for subgraphs. */
export interface GatewaySecurity {
  /**
   * The gateway's ES256 key pair, a Secrets Manager secret with `privateKey` (PKCS8 PEM) and
   * `publicKey` (SPKI PEM): the gateway signs a token for every subgraph call, subgraphs verify it.
   * The gateway reads it (GATEWAY_SIGNING_KEY_SECRET_ARN); subgraphs get the public key only.
   */
  readonly signingKey: ISecret;
  /**
   * The version of `signingKey` whose `publicKey` the subgraphs get: CloudFormation reads it again
   * when this changes. `publicKey` may hold two PEM keys (old and new) while the key is rotated.
   * @default - the version current when the subgraphs' configuration was last written
   */
  readonly signingKeyVersionId?: string;
  /** The identity provider's issuer (`iss`), e.g. `https://cognito-idp.REGION.amazonaws.com/POOL_ID`. */
  readonly clientJwtIssuer: string;
  /** The audience (`aud`) client tokens must carry, e.g. the user pool app client id. */
  readonly clientJwtAudience: string;
  /** Where the identity provider publishes its signing keys, e.g. `…/.well-known/jwks.json`. */
  readonly clientJwksUrl: string;
  /**
   * 'cognito': the issuer is a user pool, roles and provinces are its groups (JWT_CLAIMS, gateway/auth/cognito-claims.ts).
   * @default - the tokens carry roles, provinces and employerId themselves
   */
  readonly clientJwtClaims?: 'cognito';
}

export interface GatewayServiceProps {
  /** The folder of the gateway's bundle (`npm run build`), with the planner for its architecture. */
  readonly codeDirectory: string;
  readonly architecture: LambdaArchitecture;
  /** The subgraph functions it invokes; it may invoke these and nothing else. */
  readonly subgraphs: readonly InvokedSubgraph[];
  /** @default - none */
  readonly partnerSubgraphs?: readonly PartnerSubgraph[];
  readonly security: GatewaySecurity;
  readonly stage: StageSettings;
  readonly alarms: AlarmNotifications;
  /**
   * Browser origins allowed to call the API, e.g. `https://jobs.example.cn`.
   * @default - none: browsers on other origins cannot call it
   */
  readonly corsOrigins?: readonly string[];
  /**
   * Requests per second the API accepts in the steady state, and in a burst.
   * @default { rateLimit: 100, burstLimit: 200 }
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Memory of the function. 1769 MB is one full vCPU: the gateway parses, plans and merges every request.
   * @default 1769
   */
  readonly memorySize?: number;
  /**
   * Alarm when the API's p95 latency stays at or above this for three periods.
   * @default Duration.seconds(3)
   */
  readonly latencyAlarmThreshold?: Duration;
  /**
   * Demand control: the largest estimated cost of an operation (objects in its answer) and the size
   * assumed for lists the supergraph does not size; the function's DEMAND_CONTROL_MAX_COST and
   * DEMAND_CONTROL_ASSUMED_LIST_SIZE (gateway/serving/config.ts checks them at cold start).
   * @default - the gateway's own (LIMITS in gateway/limits/operation-limits.ts)
   */
  readonly demandControl?: { readonly maxCost?: number; readonly assumedListSize?: number };
}

/**
 * The gateway in AWS: its Lambda function (gateway/serving/handler.ts bundled, with the Rust query planner
 * for the function's architecture) behind an HTTP API with throttling, access logs and CORS; allowed
 * to invoke exactly the subgraph functions; alarms on 5xx answers and latency.
 */
export class GatewayService extends Construct {
  readonly function: IFunction;
  /** Where `npm run publish-supergraph` puts new supergraphs; the gateway polls SUPERGRAPH_KEY in it. */
  readonly supergraphBucket: Bucket;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** Where clients send GraphQL requests. */
  readonly graphqlUrl: string;

  constructor(scope: Construct, id: string, props: GatewayServiceProps) {
    super(scope, id);
    const partners = props.partnerSubgraphs ?? [];
    const corsOrigins = props.corsOrigins ?? [];
    const lambdaUrls = props.subgraphs.map((s) => [s.name, `lambda://${s.function.functionName}/graphql`] as const);
    const partnerUrls = partners.map((p) => {
      if (!p.url.startsWith('https://')) throw new Error(`Partner subgraph ${p.name} must be reached over https://, got ${JSON.stringify(p.url)}.`);
      if (props.subgraphs.some((s) => s.name === p.name)) throw new Error(`Partner subgraph ${p.name} has the name of an in-account subgraph.`);
      return [p.name, p.url] as const;
    });
    const timeouts = Object.fromEntries(props.subgraphs.map((s) => [s.name, s.timeout.toMilliseconds()]));
    // Plans may call subgraphs one after another; leave room for a few, under API Gateway's 30 s limit.
    const timeout = Duration.seconds(29);
    // What IAM matches: a secret referenced by name has a six-character suffix in its ARN.
    const policyArn = (secret: ISecret) => secret.secretFullArn ?? `${secret.secretArn}-??????`;

    // New supergraphs (a partner joining, a kill switch) reach the gateway through this object, without a deployment.
    this.supergraphBucket = new Bucket(this, 'SupergraphBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Every published supergraph stays readable: rolling back is copying an older version over the key.
      versioned: true,
      // Kept in every stage, dev included: it holds the published API contract and its history, costs
      // cents, and CloudFormation cannot delete a bucket that still has versions (README, Cleanup).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.supergraphBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'One object, written only by `npm run publish-supergraph` from CI and read only by the gateway role; versioning keeps every publication. Server access logs would need a second bucket for no reader.',
    });

    const fn = new BundledFunction(this, 'Function', {
      codeDirectory: props.codeDirectory,
      architecture: props.architecture,
      description: 'The GraphQL gateway',
      memorySize: props.memorySize ?? 1769,
      timeout,
      // What gateway/serving/config.ts reads.
      environment: {
        NODE_ENV: props.stage.nodeEnv,
        SUBGRAPH_URLS: Stack.of(this).toJsonString(Object.fromEntries([...lambdaUrls, ...partnerUrls])),
        SUBGRAPH_TIMEOUTS_MS: JSON.stringify(timeouts),
        JWT_ISSUER: props.security.clientJwtIssuer,
        JWT_AUDIENCE: props.security.clientJwtAudience,
        JWT_JWKS_URL: props.security.clientJwksUrl,
        ...(props.security.clientJwtClaims ? { JWT_CLAIMS: props.security.clientJwtClaims } : {}),
        // Which secrets to read, never their values: the function's configuration is readable by
        // whoever may call lambda:GetFunctionConfiguration, and a value in it rotates only by a
        // deployment. The gateway reads them at cold start and every SECRETS_MAX_AGE_SECONDS.
        GATEWAY_SIGNING_KEY_SECRET_ARN: props.security.signingKey.secretArn,
        ...(corsOrigins.length > 0 ? { CORS_ORIGINS: corsOrigins.join(',') } : {}),
        ...(props.demandControl?.maxCost !== undefined ? { DEMAND_CONTROL_MAX_COST: String(props.demandControl.maxCost) } : {}),
        ...(props.demandControl?.assumedListSize !== undefined ? { DEMAND_CONTROL_ASSUMED_LIST_SIZE: String(props.demandControl.assumedListSize) } : {}),
        ...(partners.length > 0
          ? { PARTNER_SECRET_IDS: Stack.of(this).toJsonString(Object.fromEntries(partners.map((p) => [p.name, p.signingSecret.secretName]))) }
          : {}),
        SUPERGRAPH_BUCKET: this.supergraphBucket.bucketName,
        SUPERGRAPH_KEY: SUPERGRAPH_OBJECT_KEY,
      },
      stage: props.stage,
      alarms: props.alarms,
    });
    this.function = fn.function;
    if (props.subgraphs.length > 0) {
      // The unqualified ARNs only: the gateway invokes $LATEST by name, never a version or alias.
      fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: props.subgraphs.map((s) => s.function.functionArn) }));
    }
    // GetSecretValue on exactly the secrets named above; no DescribeSecret, no other secret.
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [props.security.signingKey, ...partners.map((p) => p.signingSecret)].map(policyArn),
      }),
    );
    // That one object, no wildcard. ListBucket on its name only, so a missing object is NoSuchKey
    // (nothing published yet: the bundled supergraph serves) rather than AccessDenied.
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.supergraphBucket.arnForObjects(SUPERGRAPH_OBJECT_KEY)] }));
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.supergraphBucket.bucketArn],
        conditions: { StringEquals: { 's3:prefix': SUPERGRAPH_OBJECT_KEY } },
      }),
    );
    new CfnOutput(this, 'SupergraphBucketName', {
      value: this.supergraphBucket.bucketName,
      description: 'SUPERGRAPH_BUCKET for `npm run publish-supergraph`: the gateway polls the supergraph published here.',
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.stage.logRetention, removalPolicy: props.stage.removalPolicy });
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'The federated GraphQL API (the gateway function answers every route).',
      defaultIntegration: new HttpLambdaIntegration('Gateway', fn.function),
      // Our own stage below, for throttling and access logs.
      createDefaultStage: false,
      // API Gateway answers preflight requests itself (no Lambda invocation) and, when CORS is set
      // here, replaces the function's CORS headers with these: one list feeds both.
      ...(corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...corsOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
              allowHeaders: ['content-type', 'authorization', 'x-request-id'],
              exposeHeaders: ['x-request-id'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const throttle = props.throttle ?? { rateLimit: 100, burstLimit: 200 };
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            lambdaRequestId: '$context.integration.requestId',
          }),
        ),
      },
    });
    this.graphqlUrl = `${this.stage.url}graphql`;
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authentication belongs to the gateway function (issue 7: JWT against a JWKS, field-level @authenticated/@requiresScopes). A route authorizer would refuse the anonymous public reads the API keeps open, and cannot see which fields a query asks for.',
    });

    props.alarms.alarm(this, 'ServerErrorsAlarm', {
      metric: this.api.metricServerError({ statistic: 'Sum', period: ALARM_PERIOD }),
      threshold: 5,
      description: 'The GraphQL API answered 5xx (gateway failures or timeouts).',
    });
    const latency = props.latencyAlarmThreshold ?? Duration.seconds(3);
    props.alarms.alarm(this, 'LatencyAlarm', {
      metric: this.api.metricLatency({ statistic: 'p95', period: ALARM_PERIOD }),
      threshold: latency.toMilliseconds(),
      evaluationPeriods: 3,
      description: `The GraphQL API's p95 latency stayed at or above ${latency.toMilliseconds()} ms for 15 minutes.`,
    });
  }
}
