import { CfnOutput, CfnParameter, Lazy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Bundles } from '../../scripts/build.js';
import type { TableDefinition } from '../../subgraphs/shared/dynamodb/table-definition.js';
import type { ProjectedItem } from '../../subgraphs/shared/dynamodb/stream-records.js';
import { AlarmNotifications } from './alarm-notifications.js';
import { GatewayService, type GatewaySecurity, type GatewayServiceProps, type PartnerSubgraph } from './gateway-service.js';
import { stageSettings, type StageName } from './stage.js';
import { isExternalPartner, routedSubgraphs } from '../../subgraphs/subgraph-list.js';
import { StreamProjection } from './stream-projection.js';
import { SubgraphService } from './subgraph-service.js';
import { UserDirectory, type ExistingUserPool } from './user-directory.js';
import { GRAPHQL_PATH, WebAppHosting } from './web-app-hosting.js';

export interface LaborCooperationStackProps extends StackProps {
  readonly stage: StageName;
  /** The subgraph list (subgraphs/subgraph-list.ts): one subgraph service each. */
  readonly subgraphs: readonly {
    readonly name: string;
    readonly table: TableDefinition;
    readonly partner?: unknown;
    /** The other tables' items its projections read from their streams (its stream-handler.ts bundle applies them). */
    readonly projections?: { readonly items: readonly ProjectedItem[] };
  }[];
  /** Where `buildBundles` (scripts/build.ts) put each function's code, and for which architecture. */
  readonly bundles: Bundles;
  /** The built web app (web/build.ts: web/dist), hosted by the stack's distribution under /app/. */
  readonly webAppDirectory: string;
  /**
   * Sign in with this Cognito user pool (`-c userPoolId=… -c userPoolSignInUrl=…`): the stack then
   * creates no pool, only the web app's client in it.
   * @default - a user pool created by the stack, with a group per role and per province
   */
  readonly userPool?: ExistingUserPool;
  /**
   * Partner subgraphs hosted by provinces (infra/bin/app.ts passes every routed one of the list).
   * @default - none
   */
  readonly partnerSubgraphs?: readonly PartnerSubgraphConfig[];
  /**
   * Browser origins allowed to call the API.
   * @default - none
   */
  readonly corsOrigins?: readonly string[];
  /**
   * Subscribed to the alarm topic.
   * @default - nobody; subscribe to the topic yourself
   */
  readonly alarmEmail?: string;
  /**
   * The gateway's demand control budget and assumed list size (GatewayServiceProps.demandControl).
   * @default - the gateway's own
   */
  readonly demandControl?: GatewayServiceProps['demandControl'];
}

/**
 * A partner province's subgraph, hosted by the province: its entry of the subgraph list
 * (`externalPartnerList`, subgraphs/subgraph-list.ts) or the same shape.
 */
export interface PartnerSubgraphConfig {
  /** Its name in the supergraph. */
  readonly name: string;
  /** Its HTTPS endpoint. */
  readonly url: string;
  /**
   * The Secrets Manager secret, by name, with the HMAC secret the gateway signs requests to it with
   * (the province holds the same). Made when the partner joins, not by this stack (README, Deploy):
   * its value is agreed with the province, and it outlives any stack.
   */
  readonly secret: { readonly secretsManagerName: string };
}

/**
 * Every partner of the subgraph list the supergraph routes to (not switched off), at its production
 * URL or the one `urls` gives it by name.
 */
export function listedPartnerSubgraphs(
  urls: (names: readonly string[]) => Readonly<Record<string, string>> = () => ({}),
  env: NodeJS.ProcessEnv = process.env,
): PartnerSubgraphConfig[] {
  const partners = routedSubgraphs(env).filter(isExternalPartner);
  const overrides = urls(partners.map((p) => p.name));
  return partners.map((partner) => ({
    name: partner.name,
    url: overrides[partner.name] ?? partner.url,
    secret: { secretsManagerName: partner.secret.secretsManagerName },
  }));
}

/** Construct IDs from subgraph names: `people` → `People`. They name resources, so they must not change. */
const constructId = (name: string) => name.replace(/(^|[-_])(\w)/g, (_, __, letter: string) => letter.toUpperCase());

/** The deployed system: a subgraph service per subgraph, the gateway in front, alarms to one topic. */
export class LaborCooperationStack extends Stack {
  readonly subgraphs: Readonly<Record<string, SubgraphService>>;
  readonly gateway: GatewayService;
  readonly alarms: AlarmNotifications;
  /** Who may sign in, and the issuer the gateway trusts. */
  readonly users: UserDirectory;
  /** The web app and `/graphql` on one CloudFront origin. */
  readonly webApp: WebAppHosting;
  /**
   * Each subgraph's projections of other tables, fed by their streams, by subgraph name: the
   * programs subgraph's of the people and employers tables, the employers subgraph's of the people table.
   */
  readonly projections: Readonly<Record<string, StreamProjection>>;

  constructor(scope: Construct, id: string, props: LaborCooperationStackProps) {
    super(scope, id, props);
    const stage = stageSettings(props.stage);
    this.alarms = new AlarmNotifications(this, 'Alarms', {
      actionsEnabled: stage.alarmActionsEnabled,
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });

    this.users = new UserDirectory(this, 'Users', { stage, ...(props.userPool ? { existing: props.userPool } : {}) });
    // The app client needs the distribution's address, the distribution the gateway's API: the
    // gateway learns the client id (its token audience) once the client exists, below.
    let clientId: string | undefined;
    const security: GatewaySecurity = {
      ...this.securityParameters(),
      clientJwtIssuer: this.users.issuer,
      clientJwksUrl: this.users.jwksUrl,
      clientJwtAudience: Lazy.string({
        produce: () => {
          if (!clientId) throw new Error('The web app client is created with the stack; nothing reads the audience before it.');
          return clientId;
        },
      }),
      clientJwtClaims: 'cognito',
    };

    this.subgraphs = Object.fromEntries(
      props.subgraphs.map((subgraph) => {
        const codeDirectory = props.bundles.subgraphs[subgraph.name];
        if (!codeDirectory)
          throw new Error(`No bundle for subgraph ${subgraph.name}; the bundles are for: ${Object.keys(props.bundles.subgraphs).join(', ')}.`);
        const service = new SubgraphService(this, constructId(subgraph.name), {
          name: subgraph.name,
          table: subgraph.table,
          codeDirectory,
          architecture: props.bundles.architecture,
          gatewaySigningKey: security.signingKey,
          gatewaySigningKeyVersionId: security.signingKeyVersionId,
          stage,
          alarms: this.alarms,
        });
        return [subgraph.name, service];
      }),
    );

    this.projections = Object.fromEntries(
      props.subgraphs.flatMap((subgraph) => {
        if (!subgraph.projections) return [];
        const streamHandler = props.bundles.streamHandlers[subgraph.name];
        if (!streamHandler) throw new Error(`Subgraph ${subgraph.name} has projections but no stream handler bundle (its stream-handler.ts, npm run build).`);
        const projection = new StreamProjection(this, `${constructId(subgraph.name)}Projections`, {
          target: this.subgraphs[subgraph.name]!,
          codeDirectory: streamHandler,
          architecture: props.bundles.architecture,
          sources: subgraph.projections.items.map(({ subgraph: source, sortKey }) => {
            const service = this.subgraphs[source];
            if (!service)
              throw new Error(`The ${subgraph.name} projections read the ${source} table's stream, but there is no ${source} subgraph in the list.`);
            return { service, sortKey };
          }),
          stage,
          alarms: this.alarms,
        });
        return [[subgraph.name, projection] as const];
      }),
    );

    this.gateway = new GatewayService(this, 'Gateway', {
      codeDirectory: props.bundles.gateway,
      architecture: props.bundles.architecture,
      subgraphs: Object.values(this.subgraphs),
      // In-repo partner subgraphs run here but, like hosted ones, get no client claims.
      partnerSubgraphs: (props.partnerSubgraphs ?? []).map(
        (partner): PartnerSubgraph => ({
          name: partner.name,
          url: partner.url,
          signingSecret: Secret.fromSecretNameV2(this, `${constructId(partner.name)}SigningSecret`, partner.secret.secretsManagerName),
        }),
      ),
      ...(props.corsOrigins ? { corsOrigins: props.corsOrigins } : {}),
      ...(props.demandControl ? { demandControl: props.demandControl } : {}),
      security,
      stage,
      alarms: this.alarms,
    });

    this.webApp = new WebAppHosting(this, 'WebApp', {
      directory: props.webAppDirectory,
      api: this.gateway.api,
      connectSources: [this.users.signInUrl],
      stage,
    });
    const client = this.users.addWebAppClient('WebAppClient', { callbackUrl: this.webApp.appUrl, logoutUrl: this.webApp.appUrl });
    clientId = client.userPoolClientId;
    this.webApp.deployApp({
      signIn: { url: this.users.signInUrl, clientId: client.userPoolClientId, redirectUri: this.webApp.appUrl, logoutUri: this.webApp.appUrl },
    });

    new CfnOutput(this, 'AppUrl', {
      value: this.webApp.appUrl,
      description: 'The web app; it signs in through the user pool and calls /graphql on the same origin.',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId, description: 'Create users and put them in groups here (docs/deploy.md).' });
    new CfnOutput(this, 'SameOriginGraphqlUrl', {
      value: `${this.webApp.url}${GRAPHQL_PATH}`,
      description: 'The API through CloudFront, as the app calls it.',
    });
    new CfnOutput(this, 'GraphqlUrl', { value: this.gateway.graphqlUrl, description: 'POST GraphQL requests here.' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe to be told when an alarm fires.' });
  }

  /**
   * What authentication needs from the deployment, as CloudFormation parameters: `cdk synth` needs
   * none of them (it stays offline), and `cdk deploy` refuses to start without them. Secrets stay
   * out of the template and out of every function's configuration: the signing key is a secret's
   * ARN, which the gateway reads at cold start; CloudFormation resolves only its public half, for
   * the subgraphs.
   */
  private securityParameters(): Pick<GatewaySecurity, 'signingKey' | 'signingKeyVersionId'> {
    const parameter = (id: string, description: string, allowedPattern: string) =>
      new CfnParameter(this, id, { type: 'String', description, allowedPattern }).valueAsString;
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W2509',
      reason: 'GatewaySigningKeySecretArn is the ARN of a secret, not a secret: NoEcho would hide which key is in use and protect nothing.',
    });
    const signingKeyArn = parameter(
      'GatewaySigningKeySecretArn',
      'ARN of the Secrets Manager secret with the gateway ES256 key pair: {"privateKey": PKCS8 PEM, "publicKey": SPKI PEM} (README, Deploy).',
      '^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$',
    );
    // CloudFormation reads a secret again only when the reference to it changes: a new VersionId here
    // is how the subgraphs get a rotated publicKey (README, rotating the signing key).
    const signingKeyVersionId = new CfnParameter(this, 'GatewaySigningKeyVersionId', {
      type: 'String',
      default: '',
      description:
        'VersionId of the signing key secret whose publicKey the subgraphs trust; give the new one after put-secret-value. Empty: the current version when first deployed.',
      allowedPattern: '^[A-Za-z0-9-]{0,64}$',
    }).valueAsString;
    return { signingKey: Secret.fromSecretCompleteArn(this, 'GatewaySigningKey', signingKeyArn), signingKeyVersionId };
  }
}
