import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { contentSecurityPolicy, WEB_APP_PATH } from '../../gateway/serving/web-app.js';
import type { StageSettings } from './stage.js';

/** What the app reads at start from `/app/config.json` (web/src/hosted-sign-in.ts): where to sign in. */
export interface WebAppRuntimeConfig {
  readonly signIn: {
    /** The hosted sign-in's base URL (`…/oauth2/authorize`, `…/oauth2/token`, `…/logout`). */
    readonly url: string;
    readonly clientId: string;
    readonly redirectUri: string;
    readonly logoutUri: string;
  };
}

export interface WebAppHostingProps {
  /** The built web app (web/build.ts: web/dist), deployed under /app/. */
  readonly directory: string;
  /** The gateway's API: CloudFront sends `/graphql` there. */
  readonly api: HttpApi;
  /** Origins the app may call besides its own (the hosted sign-in's token endpoint). */
  readonly connectSources: readonly string[];
  readonly stage: StageSettings;
}

/** The path the gateway answers GraphQL on, on the app's own origin. */
export const GRAPHQL_PATH = '/graphql';
/** Where config.json is, under the app. */
export const RUNTIME_CONFIG_KEY = `${WEB_APP_PATH.slice(1)}config.json`;

/**
 * The web app in AWS: its files in a private bucket that only this distribution reads (origin
 * access control), the app as the default behaviour and `/graphql` on the same origin, to the
 * gateway's HTTP API, uncached and with the caller's Authorization header. One origin: no CORS,
 * and the CSP allows nothing but it and the sign-in.
 */
export class WebAppHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://…cloudfront.net` */
  readonly url: string;
  /** The app's address, `https://…/app/`: also the sign-in's callback. */
  readonly appUrl: string;
  private readonly directory: string;
  private readonly deploymentLogs: LogGroup;

  constructor(scope: Construct, id: string, props: WebAppHostingProps) {
    super(scope, id);
    this.directory = props.directory;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // A build output, redeployed by every `cdk deploy`; kept when the stack goes (as the supergraph
      // bucket) rather than adding a custom-resource function that empties it (README, Cleanup).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Holds the built web app only, written by the deployment; its readers are logged by CloudFront requests through the API access log for /graphql.',
    });

    const appHeaders = new ResponseHeadersPolicy(this, 'AppHeaders', {
      comment: 'The web app: CSP to this origin and the hosted sign-in, HSTS, no framing, no sniffing.',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.connectSources), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const routes = new CloudFrontFunction(this, 'AppRoutes', {
      comment: 'Screens of the app get index.html; files are served as they are.',
      code: FunctionCode.fromFile({ filePath: join(import.meta.dirname, 'functions', 'app-routes.js') }),
      runtime: FunctionRuntime.JS_2_0,
    });
    const stack = Stack.of(this);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Labor cooperation: the web app and its GraphQL API on one origin.',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Asia (Hong Kong, Singapore, Tokyo…) is in 200; South America and Oceania are not needed.
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: appHeaders,
        compress: true,
        functionAssociations: [{ function: routes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [GRAPHQL_PATH]: {
          origin: new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            // The gateway function may run 29 s (API Gateway's limit is 30).
            readTimeout: Duration.seconds(30),
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every answer depends on the caller: nothing is cached. With caching disabled this origin
          // request policy forwards every viewer header but Host, Authorization included.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          // The gateway sets its own content headers (its explorer in dev needs its own CSP).
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
          compress: true,
        },
      },
    });
    for (const [ruleId, reason] of [
      [
        'AwsSolutions-CFR1',
        'The users are county caseworkers, officers and employers across China and its partner provinces; no country list would be narrower than that without locking some out.',
      ],
      [
        'AwsSolutions-CFR2',
        'The API behind /graphql is throttled at its HTTP API stage and refuses expensive operations itself (demand control, depth and token limits); the app is static files. Add a web ACL when a deployment sees abuse.',
      ],
      [
        'AwsSolutions-CFR3',
        'Every /graphql request is logged by the HTTP API access log and the gateway; standard logs would need a bucket with ACLs enabled for static file reads nobody audits.',
      ],
      [
        'AwsSolutions-CFR4',
        'The default *.cloudfront.net certificate is used until a deployment brings its own domain and ACM certificate; the viewer TLS policy can only be set with one.',
      ],
    ] as const)
      Validations.of(this.distribution).acknowledge({ id: ruleId, reason });

    this.url = `https://${this.distribution.distributionDomainName}`;
    this.appUrl = `${this.url}${WEB_APP_PATH}`;

    // Content-hashed files never change under their name: cached for a year, and kept across
    // deployments, so a page loaded before one still finds its scripts.
    this.deploymentLogs = new LogGroup(this, 'DeploymentLogs', { retention: props.stage.logRetention, removalPolicy: props.stage.removalPolicy });
    new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(join(props.directory, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${WEB_APP_PATH.slice(1)}assets/`,
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      logGroup: this.deploymentLogs,
    });
  }

  /**
   * index.html and config.json: revalidated on every load, and the distribution's copies
   * invalidated, so a deployment is seen at once. Called once the sign-in client exists.
   */
  deployApp(config: WebAppRuntimeConfig): void {
    new BucketDeployment(this, 'App', {
      sources: [Source.asset(this.directory, { exclude: ['assets', 'assets/**', '.source-hash'] }), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: WEB_APP_PATH.slice(1),
      // The assets deployment's files are left alone by this one's pruning.
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: [`${WEB_APP_PATH}*`],
      logGroup: this.deploymentLogs,
    });
    this.acknowledgeDeploymentHandler();
  }

  /** CDK's one handler for every BucketDeployment of the stack (a singleton at the stack's root). */
  private acknowledgeDeploymentHandler(): void {
    const handler = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('No BucketDeployment handler found: aws-cdk-lib changed where it puts it.');
    const stack = Stack.of(this);
    const bucketId = stack.resolve((this.bucket.node.defaultChild as CfnBucket).logicalId) as string;
    const wildcards = [
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => `Action::${action}`),
      `Resource::arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>/*`,
      `Resource::<${bucketId}.Arn>/*`,
      'Resource::*',
    ];
    for (const [ruleId, reason] of [
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's BucketDeployment handler role, with the basic execution policy CDK gives it: it runs only during a deployment.",
      ],
      ...wildcards.map(
        (finding) =>
          [
            `AwsSolutions-IAM5[${finding}]`,
            'CDK grants the BucketDeployment handler read on the asset objects, write on the web app bucket (object wildcards of those two buckets) and CloudFront invalidation (no resource-level form).',
          ] as const,
      ),
      ['AwsSolutions-L1', "The runtime is the one CDK's BucketDeployment pins for its handler (AWS CLI on Python); it is updated with aws-cdk-lib."],
      [
        'Serverless-LambdaLatestVersion',
        "The runtime is the one CDK's BucketDeployment pins for its handler (AWS CLI on Python); it is updated with aws-cdk-lib.",
      ],
      [
        'Serverless-LambdaDLQ',
        'CloudFormation invokes the handler synchronously during a deployment and fails the deployment when it fails: there is no event to keep.',
      ],
      ['Serverless-LambdaTracing', 'A copy into the bucket during a deployment; its log group records each run, and a trace would show nothing more.'],
    ] as const)
      Validations.of(handler).acknowledge({ id: ruleId, reason });
  }
}
