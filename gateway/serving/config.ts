import { z } from 'zod';
import type { DemandControlOptions } from '../limits/demand-control.js';
import type { GatewaySecurity } from './gateway.js';
import { DEFAULT_SECRETS_MAX_AGE_SECONDS, secretsManagerFetcher, storedGatewaySecrets, type FetchSecret } from '../auth/gateway-secrets.js';
import { LIMITS } from '../limits/operation-limits.js';
import { withSubgraphUrls } from '../transport/supergraph-urls.js';

const urlMap = z.record(z.string(), z.string().regex(/^(https?|lambda):\/\//, 'must start with https://, http:// or lambda://'));
const timeoutMap = z.record(z.string(), z.number().int().positive().max(30_000));

const json = <T extends z.ZodTypeAny>(schema: T) =>
  z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: z.ZodIssueCode.custom, message: 'is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const gatewayEnv = z.object({
  NODE_ENV: z.string().optional(),
  /** e.g. {"people":"lambda://labor-people-fn/graphql"}: where each subgraph runs in this deployment. */
  SUBGRAPH_URLS: json(urlMap).optional(),
  /** e.g. {"default":5000,"programs":8000}. */
  SUBGRAPH_TIMEOUTS_MS: json(timeoutMap).optional(),
  /** Comma-separated browser origins allowed by CORS. */
  CORS_ORIGINS: z.string().optional(),
  /** Local runs and tests: PKCS8 PEM of the ES256 key the gateway signs subgraph tokens with. */
  GATEWAY_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PKCS8 PEM private key' }).optional(),
  /**
   * AWS: the Secrets Manager secret (ARN or name) with that key pair, {"privateKey": …, "publicKey": …};
   * read at cold start and again every SECRETS_MAX_AGE_SECONDS, so the key never sits in the function's configuration.
   */
  GATEWAY_SIGNING_KEY_SECRET_ARN: z.string().min(1).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** AWS: the identity provider's JWKS, e.g. https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json */
  JWT_JWKS_URL: z.string().url().optional(),
  /**
   * `cognito` in AWS: JWT_ISSUER is a Cognito user pool, JWT_AUDIENCE its app client id, and roles,
   * provinces and employer come from the token's groups (gateway/auth/cognito-claims.ts). Unset: the
   * token carries roles, provinces and employerId itself (the local development issuer).
   */
  JWT_CLAIMS: z.enum(['cognito']).optional(),
  /** Local development: the PEM public key of the development identity provider. */
  JWT_PUBLIC_KEY: z.string().includes('PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
  /** e.g. {"shanxi":"…"}: the HMAC secret each partner verifies the gateway's requests with. */
  PARTNER_SECRETS: json(z.record(z.string(), z.string().min(16, 'each secret must be at least 16 characters'))).optional(),
  /** AWS, e.g. {"shanxi":"labor-cooperation/partners/shanxi"}: the Secrets Manager secret (name or ARN) of each partner's HMAC secret. */
  PARTNER_SECRET_IDS: json(z.record(z.string(), z.string().min(1))).optional(),
  /** How long a secret read from Secrets Manager is used before it is read again: the longest a rotation takes to arrive. */
  SECRETS_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(3600).default(DEFAULT_SECRETS_MAX_AGE_SECONDS),
  /** The bucket `npm run publish-supergraph` writes to; the gateway polls SUPERGRAPH_KEY in it. */
  SUPERGRAPH_BUCKET: z.string().min(3).optional(),
  SUPERGRAPH_KEY: z.string().min(1).default('supergraph.graphql'),
  /** How often the gateway looks for a newer published supergraph. */
  SUPERGRAPH_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  /**
   * Comma-separated client names (graphql-client-name header) that may send only persisted
   * documents, `*` for every client, empty for none. Unset: the web app in production, none otherwise.
   */
  /**
   * Demand control: the largest estimated cost (objects in the answer) an operation may have, and
   * the size assumed for lists the supergraph does not size (`@listSize`). Never off: at least 1.
   */
  DEMAND_CONTROL_MAX_COST: z.coerce.number().int('must be a whole number').min(1).max(10_000_000).default(LIMITS.cost),
  DEMAND_CONTROL_ASSUMED_LIST_SIZE: z.coerce.number().int('must be a whole number').min(1).max(10_000).default(LIMITS.assumedListSize),
  PERSISTED_ONLY_CLIENTS: z
    .string()
    .regex(/^\s*(\*|[\w.@/-]+(\s*,\s*[\w.@/-]+)*)?\s*$/, 'must be `*` or comma-separated client names such as labor-cooperation-web')
    .optional(),
});

export interface GatewayConfig {
  readonly production: boolean;
  /** Absent when neither GATEWAY_PRIVATE_KEY nor GATEWAY_SIGNING_KEY_SECRET_ARN is set; the caller then decides (local runs use dev keys). */
  readonly security?: GatewaySecurity;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly timeoutsMs: Readonly<Record<string, number>>;
  readonly corsOrigins: readonly string[];
  /** DEMAND_CONTROL_MAX_COST and DEMAND_CONTROL_ASSUMED_LIST_SIZE, or LIMITS' when unset. */
  readonly demandControl: DemandControlOptions;
  /** Absent when PERSISTED_ONLY_CLIENTS is not set: the gateway's default applies. */
  readonly persistedOnlyClients?: readonly string[];
  /** Where published supergraphs are, when the deployment polls for them. */
  readonly publishedSupergraph?: { readonly bucket: string; readonly key: string; readonly pollingIntervalMs: number };
}

/**
 * Reads and checks the gateway's settings once, at start, naming the variable that is wrong.
 * `fetchSecret` reads the secrets GATEWAY_SIGNING_KEY_SECRET_ARN and PARTNER_SECRET_IDS name
 * (Secrets Manager by default); nothing is read before the first use.
 */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env, options: { fetchSecret?: () => FetchSecret } = {}): GatewayConfig {
  const parsed = gatewayEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const {
    NODE_ENV,
    SUBGRAPH_URLS,
    SUBGRAPH_TIMEOUTS_MS,
    CORS_ORIGINS,
    GATEWAY_PRIVATE_KEY,
    GATEWAY_SIGNING_KEY_SECRET_ARN,
    JWT_ISSUER,
    JWT_AUDIENCE,
    JWT_JWKS_URL,
    JWT_PUBLIC_KEY,
    JWT_CLAIMS,
  } = parsed.data;
  if (GATEWAY_PRIVATE_KEY && GATEWAY_SIGNING_KEY_SECRET_ARN)
    throw new Error('Set GATEWAY_SIGNING_KEY_SECRET_ARN (AWS) or GATEWAY_PRIVATE_KEY (local runs), not both.');
  if (parsed.data.PARTNER_SECRETS && parsed.data.PARTNER_SECRET_IDS) throw new Error('Set PARTNER_SECRET_IDS (AWS) or PARTNER_SECRETS (local runs), not both.');
  if (GATEWAY_PRIVATE_KEY && parsed.data.PARTNER_SECRET_IDS)
    throw new Error('PARTNER_SECRET_IDS needs GATEWAY_SIGNING_KEY_SECRET_ARN: the secrets come from Secrets Manager together.');
  if (GATEWAY_SIGNING_KEY_SECRET_ARN && parsed.data.PARTNER_SECRETS)
    throw new Error("PARTNER_SECRETS holds secret values: with GATEWAY_SIGNING_KEY_SECRET_ARN, name the partners' secrets in PARTNER_SECRET_IDS.");
  const keyVariable = GATEWAY_SIGNING_KEY_SECRET_ARN ? 'GATEWAY_SIGNING_KEY_SECRET_ARN' : 'GATEWAY_PRIVATE_KEY';
  let security: GatewaySecurity | undefined;
  if (GATEWAY_PRIVATE_KEY || GATEWAY_SIGNING_KEY_SECRET_ARN) {
    if (!JWT_ISSUER || !JWT_AUDIENCE) throw new Error(`Environment variables JWT_ISSUER and JWT_AUDIENCE are required with ${keyVariable}.`);
    if (!JWT_JWKS_URL && !JWT_PUBLIC_KEY) throw new Error(`Environment variable JWT_JWKS_URL (or JWT_PUBLIC_KEY locally) is required with ${keyVariable}.`);
    const auth = {
      clientAuth: {
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        ...(JWT_JWKS_URL ? { jwksUrl: JWT_JWKS_URL } : { publicKeyPem: JWT_PUBLIC_KEY }),
        ...(JWT_CLAIMS ? { claims: JWT_CLAIMS } : {}),
      },
    };
    security = GATEWAY_SIGNING_KEY_SECRET_ARN
      ? {
          ...auth,
          secrets: storedGatewaySecrets({
            signingKeySecretId: GATEWAY_SIGNING_KEY_SECRET_ARN,
            partnerSecretIds: parsed.data.PARTNER_SECRET_IDS ?? {},
            fetchSecret: (options.fetchSecret ?? secretsManagerFetcher)(),
            maxAgeSeconds: parsed.data.SECRETS_MAX_AGE_SECONDS,
            log: (message) => console.warn(JSON.stringify({ level: 'WARN', message })),
          }),
        }
      : { ...auth, gatewayPrivateKey: GATEWAY_PRIVATE_KEY!, partnerSecrets: parsed.data.PARTNER_SECRETS ?? {} };
  }
  return {
    production: NODE_ENV === 'production',
    ...(security ? { security } : {}),
    subgraphUrls: SUBGRAPH_URLS ?? {},
    timeoutsMs: SUBGRAPH_TIMEOUTS_MS ?? {},
    corsOrigins: (CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    demandControl: { maxCost: parsed.data.DEMAND_CONTROL_MAX_COST, assumedListSize: parsed.data.DEMAND_CONTROL_ASSUMED_LIST_SIZE },
    ...(parsed.data.PERSISTED_ONLY_CLIENTS !== undefined
      ? {
          persistedOnlyClients: parsed.data.PERSISTED_ONLY_CLIENTS.split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        }
      : {}),
    ...(parsed.data.SUPERGRAPH_BUCKET
      ? {
          publishedSupergraph: {
            bucket: parsed.data.SUPERGRAPH_BUCKET,
            key: parsed.data.SUPERGRAPH_KEY,
            pollingIntervalMs: parsed.data.SUPERGRAPH_POLL_SECONDS * 1000,
          },
        }
      : {}),
  };
}

/**
 * The supergraph with this deployment's subgraph URLs in place of the ones composition wrote. A
 * published one may leave out a partner this deployment knows (its kill switch): not an error then.
 */
export const deployedSupergraph = (supergraph: string, config: GatewayConfig, options: { published?: boolean } = {}) =>
  withSubgraphUrls(supergraph, config.subgraphUrls, { ignoreMissing: options.published ?? false });
