/**
 * The gateway's secret provider (gateway/auth/gateway-secrets.ts) over Powertools' SecretsProvider and a
 * real Secrets Manager client, whose GetSecretValue is answered here (the client's own middleware
 * seam, before any network): every call Secrets Manager would receive is counted, and a rotation is
 * a new value put in the store.
 */
import { type GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { exportPKCS8, exportSPKI, generateKeyPair, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import {
  DEFAULT_SECRETS_MAX_AGE_SECONDS,
  FAILED_READ_RETRY_SECONDS,
  REFUSAL_REFRESH_SECONDS,
  secretsManagerFetcher,
  storedGatewaySecrets,
} from '../../gateway/auth/gateway-secrets.js';
import { signGatewayToken } from '../../gateway/auth/subgraph-tokens.js';

const SIGNING_KEY_ARN = 'arn:aws:secretsmanager:cn-north-1:123456789012:secret:labor-cooperation/prod/gateway-signing-key-AbCdEf';
const SHANXI_SECRET = 'labor-cooperation/partners/shanxi';

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey), verifyWith: publicKey };
}

/** Secrets Manager as the client sees it: a store of SecretStrings, a log of GetSecretValue calls, and an outage switch. */
function secretsManager(initial: Record<string, string>) {
  const store = new Map(Object.entries(initial));
  const calls: string[] = [];
  let down = false;
  const client = new SecretsManagerClient({ region: 'cn-north-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  client.middlewareStack.add(
    () => async (args) => {
      const input = args.input as GetSecretValueCommand['input'];
      calls.push(input.SecretId!);
      if (down) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      const value = store.get(input.SecretId!);
      if (value === undefined) throw new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} });
      return { output: { $metadata: {}, Name: input.SecretId, SecretString: value }, response: {} };
    },
    { step: 'initialize', name: 'answerLocally' },
  );
  return {
    client,
    store,
    calls,
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

const at = (seconds: number) => vi.setSystemTime(new Date(Date.UTC(2026, 11, 3, 8, 0, 0) + seconds * 1000));

async function deployment(options: { maxAgeSeconds?: number } = {}) {
  const first = await keyPair();
  const service = secretsManager({
    [SIGNING_KEY_ARN]: JSON.stringify({ privateKey: first.privateKey, publicKey: first.publicKey }),
    [SHANXI_SECRET]: 'shanxi-secret-0123456789abcdef',
  });
  const logged: string[] = [];
  const secrets = storedGatewaySecrets({
    signingKeySecretId: SIGNING_KEY_ARN,
    partnerSecretIds: { shanxi: SHANXI_SECRET },
    fetchSecret: secretsManagerFetcher(service.client),
    log: (message) => logged.push(message),
    ...options,
  });
  return { first, service, secrets, logged };
}

/** Whether a token the gateway signs now verifies with this public key, as a subgraph checks it. */
const verifies = async (key: Awaited<ReturnType<typeof keyPair>>['verifyWith'], signingKey: Parameters<typeof signGatewayToken>[0]) =>
  jwtVerify(await signGatewayToken(signingKey, 'people', { roles: [] }), key).then(
    () => true,
    () => false,
  );

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => vi.useRealTimers());

describe('the gateway secrets read from Secrets Manager', () => {
  it('reads each secret once at cold start, however many fetches ask for it at the same time', async () => {
    const { service, secrets } = await deployment();
    const keys = await Promise.all(Array.from({ length: 20 }, () => secrets.signingKey()));
    const partnerSecrets = await Promise.all(Array.from({ length: 20 }, () => secrets.partnerSecret('shanxi')));
    expect(service.calls).toEqual([SIGNING_KEY_ARN, SHANXI_SECRET]);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(partnerSecrets)).toEqual(new Set(['shanxi-secret-0123456789abcdef']));
    expect(secrets.partners).toEqual(['shanxi']);
    expect(await secrets.partnerSecret('henan')).toBeUndefined();
  });

  it('makes one Secrets Manager call per secret per max age, and keeps the same key object while the key is unchanged', async () => {
    const { service, secrets } = await deployment();
    const key = await secrets.signingKey();
    await secrets.partnerSecret('shanxi');
    for (const seconds of [1, 60, 299, DEFAULT_SECRETS_MAX_AGE_SECONDS]) {
      at(seconds);
      expect(await secrets.signingKey()).toBe(key);
      await secrets.partnerSecret('shanxi');
    }
    expect(service.calls).toEqual([SIGNING_KEY_ARN, SHANXI_SECRET]);
    // Past the max age: read again, once, and the unchanged key is the same object (signed tokens stay cached).
    at(DEFAULT_SECRETS_MAX_AGE_SECONDS + 1);
    expect(await secrets.signingKey()).toBe(key);
    await secrets.partnerSecret('shanxi');
    at(DEFAULT_SECRETS_MAX_AGE_SECONDS + 200);
    await secrets.signingKey();
    await secrets.partnerSecret('shanxi');
    expect(service.calls).toEqual([SIGNING_KEY_ARN, SHANXI_SECRET, SIGNING_KEY_ARN, SHANXI_SECRET]);
  });

  it('signs with a rotated key once the max age has passed, without a restart', async () => {
    const { first, service, secrets } = await deployment({ maxAgeSeconds: 60 });
    expect(await verifies(first.verifyWith, await secrets.signingKey())).toBe(true);
    const second = await keyPair();
    service.store.set(SIGNING_KEY_ARN, JSON.stringify({ privateKey: second.privateKey, publicKey: second.publicKey }));
    at(59);
    expect(await verifies(first.verifyWith, await secrets.signingKey())).toBe(true);
    at(61);
    const rotated = await secrets.signingKey();
    expect(await verifies(second.verifyWith, rotated)).toBe(true);
    expect(await verifies(first.verifyWith, rotated)).toBe(false);
  });

  it('reads a partner secret again as soon as the partner refuses a signature, at most once per REFUSAL_REFRESH_SECONDS', async () => {
    const { service, secrets } = await deployment();
    expect(await secrets.partnerSecret('shanxi')).toBe('shanxi-secret-0123456789abcdef');
    service.store.set(SHANXI_SECRET, 'shanxi-secret-rotated-fedcba9876');
    at(10);
    expect(await secrets.partnerSecret('shanxi')).toBe('shanxi-secret-0123456789abcdef');
    secrets.partnerRefused('shanxi');
    expect(await secrets.partnerSecret('shanxi')).toBe('shanxi-secret-rotated-fedcba9876');
    expect(service.calls).toEqual([SHANXI_SECRET, SHANXI_SECRET]);
    // A partner refusing everything (its secret wrong on its side) costs one call per interval, not one per request.
    for (let i = 0; i < 5; i++) {
      secrets.partnerRefused('shanxi');
      await secrets.partnerSecret('shanxi');
    }
    expect(service.calls).toHaveLength(2);
    at(10 + REFUSAL_REFRESH_SECONDS + 1);
    secrets.partnerRefused('shanxi');
    await secrets.partnerSecret('shanxi');
    expect(service.calls).toHaveLength(3);
    // A refusal by a partner without a secret here changes nothing.
    secrets.partnerRefused('henan');
    expect(service.calls).toHaveLength(3);
  });

  it('keeps serving the last value read while Secrets Manager fails, says so, and tries again after FAILED_READ_RETRY_SECONDS', async () => {
    const { first, service, secrets, logged } = await deployment({ maxAgeSeconds: 60 });
    await secrets.signingKey();
    service.setDown(true);
    at(61);
    expect(await verifies(first.verifyWith, await secrets.signingKey())).toBe(true);
    expect(logged).toEqual([
      `Cannot read secret ${SIGNING_KEY_ARN} from Secrets Manager: Rate exceeded; the value read before keeps serving, next attempt in ${FAILED_READ_RETRY_SECONDS} s.`,
    ]);
    at(61 + FAILED_READ_RETRY_SECONDS - 1);
    await secrets.signingKey();
    expect(service.calls).toEqual([SIGNING_KEY_ARN, SIGNING_KEY_ARN]);
    service.setDown(false);
    at(61 + FAILED_READ_RETRY_SECONDS + 1);
    await secrets.signingKey();
    expect(service.calls).toEqual([SIGNING_KEY_ARN, SIGNING_KEY_ARN, SIGNING_KEY_ARN]);
  });

  it('fails naming the secret when it cannot be read at cold start, or holds no private key', async () => {
    const missing = secretsManager({});
    const secrets = storedGatewaySecrets({
      signingKeySecretId: SIGNING_KEY_ARN,
      partnerSecretIds: { shanxi: SHANXI_SECRET },
      fetchSecret: secretsManagerFetcher(missing.client),
    });
    await expect(secrets.signingKey()).rejects.toThrow(
      `Cannot read secret ${SIGNING_KEY_ARN} from Secrets Manager: Secrets Manager can't find the specified secret. (the gateway role needs secretsmanager:GetSecretValue on it).`,
    );
    await expect(secrets.partnerSecret('shanxi')).rejects.toThrow(`Cannot read secret ${SHANXI_SECRET} from Secrets Manager`);
    // Not kept: the next use asks again.
    await expect(secrets.signingKey()).rejects.toThrow();
    expect(missing.calls).toEqual([SIGNING_KEY_ARN, SHANXI_SECRET, SIGNING_KEY_ARN]);

    const wrong = secretsManager({ [SIGNING_KEY_ARN]: '-----BEGIN PRIVATE KEY-----', [SHANXI_SECRET]: 'short' });
    const misfilled = storedGatewaySecrets({
      signingKeySecretId: SIGNING_KEY_ARN,
      partnerSecretIds: { shanxi: SHANXI_SECRET },
      fetchSecret: secretsManagerFetcher(wrong.client),
    });
    await expect(misfilled.signingKey()).rejects.toThrow(
      `Secret ${SIGNING_KEY_ARN} must be JSON {"privateKey": PKCS8 PEM, "publicKey": SPKI PEM}; it is not JSON.`,
    );
    await expect(misfilled.partnerSecret('shanxi')).rejects.toThrow(`Secret ${SHANXI_SECRET} (partner shanxi) must be at least 16 characters.`);
  });
});

describe('readGatewayConfig with secrets in Secrets Manager', () => {
  const auth = {
    JWT_ISSUER: 'https://issuer.example.cn',
    JWT_AUDIENCE: 'labor-cooperation-api',
    JWT_JWKS_URL: 'https://issuer.example.cn/.well-known/jwks.json',
  };

  it('takes only the secrets\u2019 names from the environment and reads their values through the provider, at first use', async () => {
    const { first, service } = await deployment();
    const config = readGatewayConfig(
      {
        ...auth,
        GATEWAY_SIGNING_KEY_SECRET_ARN: SIGNING_KEY_ARN,
        PARTNER_SECRET_IDS: JSON.stringify({ shanxi: SHANXI_SECRET }),
        SECRETS_MAX_AGE_SECONDS: '120',
      },
      { fetchSecret: () => secretsManagerFetcher(service.client) },
    );
    expect(service.calls).toEqual([]);
    const secrets = (config.security as { secrets: ReturnType<typeof storedGatewaySecrets> }).secrets;
    expect(await verifies(first.verifyWith, await secrets.signingKey())).toBe(true);
    expect(await secrets.partnerSecret('shanxi')).toBe('shanxi-secret-0123456789abcdef');
    at(121);
    await secrets.signingKey();
    expect(service.calls).toEqual([SIGNING_KEY_ARN, SHANXI_SECRET, SIGNING_KEY_ARN]);
  });

  it('refuses a secret value beside the name of a secret', () => {
    expect(() => readGatewayConfig({ ...auth, GATEWAY_SIGNING_KEY_SECRET_ARN: SIGNING_KEY_ARN, GATEWAY_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----' })).toThrow(
      'Set GATEWAY_SIGNING_KEY_SECRET_ARN (AWS) or GATEWAY_PRIVATE_KEY (local runs), not both.',
    );
    expect(() =>
      readGatewayConfig({
        ...auth,
        GATEWAY_SIGNING_KEY_SECRET_ARN: SIGNING_KEY_ARN,
        PARTNER_SECRETS: JSON.stringify({ shanxi: 'shanxi-secret-0123456789abcdef' }),
      }),
    ).toThrow("PARTNER_SECRETS holds secret values: with GATEWAY_SIGNING_KEY_SECRET_ARN, name the partners' secrets in PARTNER_SECRET_IDS.");
  });
});
