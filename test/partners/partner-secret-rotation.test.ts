/**
 * A partner rotates its HMAC secret: the province verifies with the new one from some moment on,
 * and the new value is put in Secrets Manager. The running gateway, whose copy is younger than its
 * max age, is refused once, reads the secret again at once, and signs with the new one from the
 * next request on: no restart, no deployment, and one extra Secrets Manager call.
 */
import { SecretsManagerClient, type GetSecretValueCommandInput } from '@aws-sdk/client-secrets-manager';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { secretsManagerFetcher, storedGatewaySecrets } from '../../gateway/auth/gateway-secrets.js';
import { startGatewayServer } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../scripts/dev-keys.js';
import { loadShanxiDemoData, shanxiDemoData } from '../../partners/shanxi/demo-data.js';
import { shanxiDemoWorkers } from '../../scripts/partner-services.js';
import { startShanxiService } from '../../partners/shanxi/server.js';
import { shanxiTable } from '../../partners/shanxi/table.js';
import { useTables } from '../support/dynamo.js';
import { graphqlClient } from '../support/graphql.js';

const SIGNING_KEY_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:labor-cooperation/dev/gateway-signing-key-AbCdEf';
const SHANXI_SECRET_NAME = 'labor-cooperation/partners/shanxi';
const keys = inject('keys');

// Secrets Manager as the gateway's client sees it: GetSecretValue answered from this store (the
// client's middleware seam), every call counted.
const store = new Map([
  [SIGNING_KEY_ARN, JSON.stringify({ privateKey: keys.gatewayPrivateKey, publicKey: keys.gatewayPublicKey })],
  [SHANXI_SECRET_NAME, randomBytes(32).toString('hex')],
]);
const calls: string[] = [];
const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
client.middlewareStack.add(
  () => async (args) => {
    const { SecretId } = args.input as GetSecretValueCommandInput;
    calls.push(SecretId!);
    return { output: { $metadata: {}, Name: SecretId, SecretString: store.get(SecretId!) }, response: {} };
  },
  { step: 'initialize', name: 'answerLocally' },
);

const tables = await useTables(shanxiTable);
const storage = { documents: tables.clients.documents, tableName: tables.tableName(shanxiTable) };
await loadShanxiDemoData(storage, shanxiDemoWorkers());
let shanxi = await startShanxiService({ port: 0, host: '127.0.0.1', storage, gatewaySecret: store.get(SHANXI_SECRET_NAME)! });
afterAll(() => shanxi.close());

const gateway = await startGatewayServer({
  supergraph: withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { shanxi: shanxi.url }),
  port: 0,
  host: '127.0.0.1',
  security: {
    clientAuth: { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, publicKeyPem: keys.issuerPublicKey },
    secrets: storedGatewaySecrets({
      signingKeySecretId: SIGNING_KEY_ARN,
      partnerSecretIds: { shanxi: SHANXI_SECRET_NAME },
      fetchSecret: secretsManagerFetcher(client),
    }),
  },
});
afterAll(() => gateway.close());
const execute = graphqlClient(gateway.url);

const COMPANIES = /* GraphQL */ `{ shanxiLaborCompanies(first: 2) { edges { node { id name } } } }`;
const expected = {
  data: {
    shanxiLaborCompanies: {
      edges: [...shanxiDemoData(shanxiDemoWorkers()).companies]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, 2)
        .map((c) => ({ node: { id: c.id, name: c.name } })),
    },
  },
};

describe('a partner secret rotated while the gateway runs', () => {
  it('is refused once, read again at once, and signs every request after that, without a restart', async () => {
    expect(await execute(COMPANIES)).toEqual(expected);
    expect(calls.filter((id) => id === SHANXI_SECRET_NAME)).toHaveLength(1);

    // The province switches to the new secret; the new value is put in Secrets Manager.
    const rotated = randomBytes(32).toString('hex');
    store.set(SHANXI_SECRET_NAME, rotated);
    await shanxi.close();
    shanxi = await startShanxiService({ port: shanxi.port, host: '127.0.0.1', storage, gatewaySecret: rotated });

    // Signed with the old copy (still younger than its max age): refused, nothing of Shanxi's answered.
    const refused = await execute(COMPANIES);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.length).toBeGreaterThan(0);

    for (let i = 0; i < 3; i++) expect(await execute(COMPANIES)).toEqual(expected);
    expect(calls.filter((id) => id === SHANXI_SECRET_NAME)).toHaveLength(2);
    expect(calls.filter((id) => id === SIGNING_KEY_ARN)).toHaveLength(1);
  });
});
