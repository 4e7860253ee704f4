/**
 * The gateway's secrets, wherever they are kept: the ES256 key it signs subgraph tokens with and the
 * HMAC secret of each partner it signs requests to. The runtime asks this provider on every use and
 * does not know where they come from: fixed values on a developer's machine and in tests
 * (`.data/keys`, environment variables), AWS Secrets Manager in a deployment, where they are read at
 * cold start, kept for `maxAgeSeconds` and read again after that, so a rotated secret is in use
 * within that time without a deployment. No secret value ever sits in the function's configuration
 * (readable with lambda:GetFunctionConfiguration): only the secrets' ARNs or names do.
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { importGatewayPrivateKey, type SigningKey } from './subgraph-tokens.js';

export interface GatewaySecrets {
  /** The key subgraph tokens are signed with now: the same object for as long as the secret is unchanged. */
  signingKey(): Promise<SigningKey>;
  /** The HMAC secret of this partner now; undefined when it has none (its requests then go unsigned, and it refuses them). */
  partnerSecret(partner: string): Promise<string | undefined>;
  /** The partners that have a secret. */
  readonly partners: readonly string[];
  /**
   * The partner refused a signature of ours (401): its secret may have been rotated before our
   * copy lapsed. The next use reads it again, at most once per REFUSAL_REFRESH_SECONDS.
   */
  partnerRefused(partner: string): void;
}

/** Secrets that never change while the process runs: local development and tests. */
export function fixedGatewaySecrets(values: {
  readonly gatewayPrivateKey: string;
  readonly partnerSecrets?: Readonly<Record<string, string>>;
}): GatewaySecrets {
  const key = importGatewayPrivateKey(values.gatewayPrivateKey);
  const partnerSecrets = values.partnerSecrets ?? {};
  return {
    signingKey: () => key,
    partnerSecret: async (partner) => partnerSecrets[partner],
    partners: Object.keys(partnerSecrets),
    partnerRefused: () => undefined,
  };
}

/**
 * Reads one secret's string, as Powertools' SecretsProvider does: from its cache while younger than
 * `maxAge` seconds, from Secrets Manager otherwise or when `forceFetch`.
 */
export type FetchSecret = (secretId: string, options: { readonly maxAge: number; readonly forceFetch: boolean }) => Promise<string | undefined>;

/** Secrets Manager GetSecretValue through Powertools' cached SecretsProvider (its client, or `client`). */
export function secretsManagerFetcher(client?: SecretsManagerClient): FetchSecret {
  const provider = new SecretsProvider(client ? { awsSdkV3Client: client } : {});
  return async (secretId, options) => {
    const value = await provider.get(secretId, options);
    if (value !== undefined && typeof value !== 'string') throw new Error(`Secret ${secretId} is binary; the gateway reads only SecretString secrets.`);
    return value;
  };
}

/** How long a value read from Secrets Manager is used before it is read again: the longest a rotation takes to arrive. */
export const DEFAULT_SECRETS_MAX_AGE_SECONDS = 300;
/** A partner refusing every request (its secret rotated) costs one Secrets Manager call per this many seconds, not one per request. */
export const REFUSAL_REFRESH_SECONDS = 30;
/** After a failed read, how long the last good value serves before the next attempt (Secrets Manager throttled or unreachable). */
export const FAILED_READ_RETRY_SECONDS = 10;

export interface StoredSecretsOptions {
  /** SecretId (ARN or name) of the gateway's key pair: JSON `{"privateKey": PKCS8 PEM, "publicKey": SPKI PEM}`. */
  readonly signingKeySecretId: string;
  /** SecretId of each partner's HMAC secret (the whole SecretString), by partner name. */
  readonly partnerSecretIds?: Readonly<Record<string, string>>;
  readonly fetchSecret: FetchSecret;
  /** @default DEFAULT_SECRETS_MAX_AGE_SECONDS */
  readonly maxAgeSeconds?: number;
  /** Told when a read fails while an older value keeps serving. */
  readonly log?: (message: string) => void;
}

/**
 * Secrets kept in a store (Secrets Manager): each read once for all who ask at the same time (a
 * request signs tokens for several subgraphs at once), reused for `maxAgeSeconds`, then read again.
 * When a read fails, the last good value keeps serving for FAILED_READ_RETRY_SECONDS before the
 * next attempt: a Secrets Manager outage does not stop a warm gateway.
 */
export function storedGatewaySecrets(options: StoredSecretsOptions): GatewaySecrets {
  const maxAge = options.maxAgeSeconds ?? DEFAULT_SECRETS_MAX_AGE_SECONDS;
  const partnerIds = options.partnerSecretIds ?? {};
  const read = cachedRead(options.fetchSecret, maxAge, options.log ?? (() => undefined));

  let signing: { readonly pem: string; readonly key: Promise<SigningKey> } | undefined;
  const refusedAt = new Map<string, number>();
  const forced = new Set<string>();

  return {
    async signingKey() {
      const text = await read(options.signingKeySecretId, false);
      const pem = privateKeyOf(text, options.signingKeySecretId);
      // One key object per key: the signed-token cache (subgraph-tokens.ts) is kept per key object,
      // and importing costs CPU. A rotated key is a new object, so no token of the old key is reused.
      if (signing?.pem !== pem) signing = { pem, key: importGatewayPrivateKey(pem) };
      return signing.key;
    },
    async partnerSecret(partner) {
      const id = partnerIds[partner];
      if (!id) return undefined;
      const force = forced.delete(partner);
      const secret = await read(id, force);
      if (secret.length < 16) throw new Error(`Secret ${id} (partner ${partner}) must be at least 16 characters.`);
      return secret;
    },
    partners: Object.keys(partnerIds),
    partnerRefused(partner) {
      if (!partnerIds[partner]) return;
      const now = Date.now();
      if (now - (refusedAt.get(partner) ?? -Infinity) < REFUSAL_REFRESH_SECONDS * 1000) return;
      refusedAt.set(partner, now);
      forced.add(partner);
    },
  };
}

/** The string of a secret, cached by `fetchSecret` for `maxAge`; concurrent reads share one call; a failed refresh serves the last value. */
function cachedRead(fetchSecret: FetchSecret, maxAge: number, log: (message: string) => void) {
  const inFlight = new Map<string, Promise<string>>();
  const lastGood = new Map<string, string>();
  const retryAfter = new Map<string, number>();
  return (secretId: string, forceFetch: boolean): Promise<string> => {
    const pending = inFlight.get(secretId);
    if (pending) return pending;
    const previous = lastGood.get(secretId);
    if (previous !== undefined && !forceFetch && Date.now() < (retryAfter.get(secretId) ?? 0)) return Promise.resolve(previous);
    const reading = fetchSecret(secretId, { maxAge, forceFetch })
      .then((value) => {
        if (value === undefined || value === '') throw new Error(`Secret ${secretId} has no value.`);
        lastGood.set(secretId, value);
        retryAfter.delete(secretId);
        return value;
      })
      .catch((error: unknown) => {
        const reason = `Cannot read secret ${secretId} from Secrets Manager: ${(error as Error).message}`;
        if (previous === undefined) throw new Error(`${reason} (the gateway role needs secretsmanager:GetSecretValue on it).`, { cause: error });
        retryAfter.set(secretId, Date.now() + FAILED_READ_RETRY_SECONDS * 1000);
        log(`${reason}; the value read before keeps serving, next attempt in ${FAILED_READ_RETRY_SECONDS} s.`);
        return previous;
      })
      .finally(() => inFlight.delete(secretId));
    inFlight.set(secretId, reading);
    return reading;
  };
}

function privateKeyOf(text: string, secretId: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Secret ${secretId} must be JSON {"privateKey": PKCS8 PEM, "publicKey": SPKI PEM}; it is not JSON.`);
  }
  const pem = (parsed as { privateKey?: unknown } | null)?.privateKey;
  if (typeof pem !== 'string' || !pem.includes('PRIVATE KEY')) throw new Error(`Secret ${secretId} must hold "privateKey", a PKCS8 PEM private key.`);
  return pem;
}
