import { CfnOutput, CfnParameter, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Bundles } from '../../scripts/build.js';
import type { TableDefinition } from '../../subgraphs/shared/table-definition.js';
import { AlarmNotifications } from './alarm-notifications.js';
import { GatewayService, type GatewaySecurity, type GatewayServiceProps, type PartnerSubgraph } from './gateway-service.js';
import { stageSettings, type StageName } from './stage.js';
import { PROJECTED_ITEMS } from '../../subgraphs/programs/stream-projection.js';
import { StreamProjection } from './stream-projection.js';
import { SubgraphService } from './subgraph-service.js';

export interface LaborCooperationStackProps extends StackProps {
  readonly stage: StageName;
  /** The subgraph list (subgraphs/subgraph-list.ts): one subgraph service each. */
  readonly subgraphs: readonly { readonly name: string; readonly table: TableDefinition; readonly partner?: unknown }[];
  /** Where `buildBundles` (scripts/build.ts) put each function's code, and for which architecture. */
  readonly bundles: Bundles;
  /** @default - none */
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

/** A partner province's subgraph as deployment configuration gives it. */
export interface PartnerSubgraphConfig {
  /** Its name in the supergraph. */
  readonly name: string;
  /** Its HTTPS endpoint. */
  readonly url: string;
  /**
   * The Secrets Manager secret (complete ARN) the gateway signs requests to it with.
   * @default - requests to this partner are not signed
   */
  readonly signingSecretArn?: string;
}

/** Construct IDs from subgraph names: `people` → `People`. They name resources, so they must not change. */
const constructId = (name: string) => name.replace(/(^|[-_])(\w)/g, (_, __, letter: string) => letter.toUpperCase());

/** The deployed system: a subgraph service per subgraph, the gateway in front, alarms to one topic. */
export class LaborCooperationStack extends Stack {
  readonly subgraphs: Readonly<Record<string, SubgraphService>>;
  readonly gateway: GatewayService;
  readonly alarms: AlarmNotifications;
  /** The programs subgraph's projections of the people and employers tables, fed by their streams. */
  readonly projections?: StreamProjection;

  constructor(scope: Construct, id: string, props: LaborCooperationStackProps) {
    super(scope, id, props);
    const stage = stageSettings(props.stage);
    this.alarms = new AlarmNotifications(this, 'Alarms', {
      actionsEnabled: stage.alarmActionsEnabled,
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });

    const security = this.securityParameters();

    this.subgraphs = Object.fromEntries(
      props.subgraphs.map((subgraph) => {
        const codeDirectory = props.bundles.subgraphs[subgraph.name];
        if (!codeDirectory) throw new Error(`No bundle for subgraph ${subgraph.name}; the bundles are for: ${Object.keys(props.bundles.subgraphs).join(', ')}.`);
        const service = new SubgraphService(this, constructId(subgraph.name), {
          name: subgraph.name,
          table: subgraph.table,
          codeDirectory,
          architecture: props.bundles.architecture,
          gatewaySigningKey: security.signingKey,
          stage,
          alarms: this.alarms,
        });
        return [subgraph.name, service];
      }),
    );

    const programs = this.subgraphs.programs;
    const programsStreamHandler = props.bundles.streamHandlers.programs;
    if (programs && programsStreamHandler) {
      this.projections = new StreamProjection(this, 'ProgramsProjections', {
        target: programs,
        codeDirectory: programsStreamHandler,
        architecture: props.bundles.architecture,
        sources: PROJECTED_ITEMS.map(({ subgraph, sortKey }) => {
          const service = this.subgraphs[subgraph];
          if (!service) throw new Error(`The programs projections read the ${subgraph} table's stream, but there is no ${subgraph} subgraph in the list.`);
          return { service, sortKey };
        }),
        stage,
        alarms: this.alarms,
      });
    }

    this.gateway = new GatewayService(this, 'Gateway', {
      codeDirectory: props.bundles.gateway,
      architecture: props.bundles.architecture,
      subgraphs: Object.values(this.subgraphs),
      // In-repo partner subgraphs run here but, like hosted ones, get no client claims.
      inRepoPartners: props.subgraphs.filter((s) => s.partner).map((s) => s.name),
      partnerSubgraphs: (props.partnerSubgraphs ?? []).map(
        (partner): PartnerSubgraph => ({
          name: partner.name,
          url: partner.url,
          ...(partner.signingSecretArn
            ? { signingSecret: Secret.fromSecretCompleteArn(this, `${constructId(partner.name)}SigningSecret`, partner.signingSecretArn) }
            : {}),
        }),
      ),
      ...(props.corsOrigins ? { corsOrigins: props.corsOrigins } : {}),
      ...(props.demandControl ? { demandControl: props.demandControl } : {}),
      security,
      stage,
      alarms: this.alarms,
    });

    new CfnOutput(this, 'GraphqlUrl', { value: this.gateway.graphqlUrl, description: 'POST GraphQL requests here.' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe to be told when an alarm fires.' });
  }

  /**
   * What authentication needs from the deployment, as CloudFormation parameters: `cdk synth` needs
   * none of them (it stays offline), and `cdk deploy` refuses to start without them. Secrets stay
   * out of the template: the signing key is a secret's ARN, resolved by CloudFormation.
   */
  private securityParameters(): GatewaySecurity {
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
    return {
      signingKey: Secret.fromSecretCompleteArn(this, 'GatewaySigningKey', signingKeyArn),
      clientJwtIssuer: parameter('ClientJwtIssuer', 'The iss of client tokens, e.g. https://cognito-idp.REGION.amazonaws.com/POOL_ID.', '^.+$'),
      clientJwtAudience: parameter('ClientJwtAudience', 'The aud client tokens must carry, e.g. the user pool app client id.', '^.+$'),
      clientJwksUrl: parameter('ClientJwksUrl', 'The identity provider JWKS, e.g. https://cognito-idp.REGION.amazonaws.com/POOL_ID/.well-known/jwks.json.', '^https://.+$'),
    };
  }
}
