/**
 * Rotating the gateway's signing key without a request refused: the key pair is in Secrets
 * Manager, the gateway reads it again after its max age, and the subgraphs trust the public keys
 * GATEWAY_PUBLIC_KEY holds, the old and the new one while the key is rotated (README, rotating the
 * signing key). Before this, the private key sat in the gateway function's configuration and a new
 * one needed a deployment of the gateway.
 */
import { SecretsManagerClient, type GetSecretValueCommandInput } from '@aws-sdk/client-secrets-manager';
import { exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { secretsManagerFetcher, storedGatewaySecrets } from '../../gateway/auth/gateway-secrets.js';
import { startGatewayServer } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken } from '../../scripts/dev-keys.js';
import { loadPeopleDemoData } from '../../scripts/demo/people.js';
import { peopleSubgraph } from '../../subgraphs/people/subgraph.js';
import type { SubgraphHandler } from '../../subgraphs/shared/graphql/subgraph-server.js';
import { useTables } from '../support/dynamo.js';
import { graphqlClient, serveSubgraph } from '../support/graphql.js';

const SIGNING_KEY_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:labor-cooperation/dev/gateway-signing-key-AbCdEf';
const keys = inject('keys');
const next = await generateKeyPair('ES256', { extractable: true });
const nextPem = { privateKey: await exportPKCS8(next.privateKey), publicKey: await exportSPKI(next.publicKey) };

// Secrets Manager as the gateway's client sees it (the client's middleware seam), every call counted.
const store = new Map([[SIGNING_KEY_ARN, JSON.stringify({ privateKey: keys.gatewayPrivateKey, publicKey: keys.gatewayPublicKey })]]);
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

// The people subgraph as deployed for the rotation: it trusts the new public key and the old one.
const tables = await useTables(peopleSubgraph.table);
const storage = { documents: tables.clients.documents, tableName: tables.tableName(peopleSubgraph.table) };
await loadPeopleDemoData(storage, 2);
const received: string[] = [];
const previousEnv = process.env.GATEWAY_PUBLIC_KEY;
process.env.GATEWAY_PUBLIC_KEY = `${nextPem.publicKey}\n${keys.gatewayPublicKey}`;
const created = peopleSubgraph.createHandler(storage);
process.env.GATEWAY_PUBLIC_KEY = previousEnv;
const recording: SubgraphHandler = (event, context) => {
  received.push(String(event.headers?.authorization ?? ''));
  return created(event, context);
};
const people = await serveSubgraph('people', recording);

const MAX_AGE_SECONDS = 1;
const gateway = await startGatewayServer({
  supergraph: withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { people: people.url }),
  port: 0,
  host: '127.0.0.1',
  security: {
    clientAuth: { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, publicKeyPem: keys.issuerPublicKey },
    secrets: storedGatewaySecrets({ signingKeySecretId: SIGNING_KEY_ARN, fetchSecret: secretsManagerFetcher(client), maxAgeSeconds: MAX_AGE_SECONDS }),
  },
});
afterAll(() => gateway.close());
const authorization = `Bearer ${await signDevToken(keys.issuerPrivateKey, { roles: ['admin'] })}`;
const execute = () => graphqlClient(gateway.url)(/* GraphQL */ `{ people(first: 2) { edges { node { id name } } } }`, {}, { authorization });

/** Which of the two public keys the last token the people subgraph received verifies with. */
async function lastTokenSignedWith(): Promise<string[]> {
  const token = received.at(-1)!.replace(/^Bearer /, '');
  const candidates = { old: await importSPKI(keys.gatewayPublicKey, 'ES256'), next: next.publicKey };
  const verified = await Promise.all(
    Object.entries(candidates).map(async ([name, key]) =>
      (await jwtVerify(token, key).then(
        () => true,
        () => false,
      ))
        ? [name]
        : [],
    ),
  );
  return verified.flat();
}

describe('rotating the gateway signing key', () => {
  it('the running gateway signs with the new key after its max age, and the subgraph answers throughout', async () => {
    const before = await execute();
    expect(before.errors).toBeUndefined();
    expect(before.data.people.edges).toHaveLength(2);
    expect(await lastTokenSignedWith()).toEqual(['old']);

    store.set(SIGNING_KEY_ARN, JSON.stringify({ privateKey: nextPem.privateKey, publicKey: `${nextPem.publicKey}\n${keys.gatewayPublicKey}` }));
    // Within the max age: still the old key, still answered.
    expect(await execute()).toEqual(before);
    expect(await lastTokenSignedWith()).toEqual(['old']);

    await new Promise((resolve) => setTimeout(resolve, MAX_AGE_SECONDS * 1000 + 100));
    expect(await execute()).toEqual(before);
    expect(await lastTokenSignedWith()).toEqual(['next']);
    expect(calls).toEqual([SIGNING_KEY_ARN, SIGNING_KEY_ARN]);
  });

  it('a subgraph trusting only the old key refuses the new one: why GATEWAY_PUBLIC_KEY holds both during a rotation', async () => {
    const { SignJWT } = await import('jose');
    const { GATEWAY_ISSUER } = await import('../../subgraphs/shared/auth/caller.js');
    const onlyOld = await serveSubgraph('people', peopleSubgraph.createHandler(storage));
    const token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience('people')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(next.privateKey);
    const response = await graphqlClient(onlyOld.url)('{ people(first: 1) { edges { node { id } } } }', {}, { authorization: `Bearer ${token}` });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const trusting = await graphqlClient(people.url)('{ people(first: 1) { edges { node { id } } } }', {}, { authorization: `Bearer ${token}` });
    expect(trusting.errors).toBeUndefined();
  });
});
