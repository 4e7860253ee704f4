/**
 * Signs, for every subgraph fetch, a short-lived token addressed to that subgraph (audience = its
 * name) with the verified client claims it needs. Subgraphs refuse requests without one. Partner
 * subgraphs (isPartnerSubgraph) get no client token and no client claims at all.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { importPKCS8, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_TOKEN_ALGORITHM, GATEWAY_TOKEN_SECONDS } from '../../subgraphs/shared/auth/caller.js';
import { ExpiringCache } from '../../subgraphs/shared/auth/expiring-cache.js';
import { rolesOf, type ClientClaims } from './client-auth.js';
import { CORE_SUBGRAPHS } from '../core-subgraphs.js';
import { subgraphEndpoints } from '../serving/readiness.js';

export type SigningKey = CryptoKey | KeyObject;

export const importGatewayPrivateKey = (pem: string): Promise<SigningKey> => importPKCS8(pem, GATEWAY_TOKEN_ALGORITHM);

export async function signGatewayToken(key: SigningKey, audience: string, claims: Record<string, unknown>, subject?: string): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: GATEWAY_TOKEN_ALGORITHM })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${GATEWAY_TOKEN_SECONDS}s`);
  return (subject ? jwt.setSubject(subject) : jwt).sign(key);
}

/** The claims a core subgraph receives: identity, roles and scope of responsibility. */
export function coreClaims(claims: ClientClaims | undefined): Record<string, unknown> {
  return {
    roles: rolesOf(claims),
    provinces: Array.isArray(claims?.provinces) ? claims.provinces.filter((p) => typeof p === 'string') : [],
    ...(typeof claims?.employerId === 'string' ? { employerId: claims.employerId } : {}),
  };
}

/**
 * Whether the gateway treats `subgraph` as a partner: every subgraph that is not a core subgraph of
 * the subgraph list (gateway/core-subgraphs.ts, generated from it). Never a deployment setting, and
 * a name the list does not know (a published supergraph with a new partner) is a partner too.
 */
export const isPartnerSubgraph = (subgraph: string): boolean => !CORE_SUBGRAPHS.includes(subgraph);

/**
 * The token one fetch to `subgraph` carries for a client with `claims` (verified at the gateway;
 * none for anonymous callers). A partner gets one that vouches for the request and says nothing of
 * the client: no subject, roles, provinces or employer (the gateway's auth directives decided who
 * may ask already). In-repo partners need it to answer; hosted ones check the HMAC signature.
 */
export function subgraphToken(key: SigningKey, subgraph: string, claims: ClientClaims | undefined): Promise<string> {
  const partner = isPartnerSubgraph(subgraph);
  const payload = partner ? {} : coreClaims(claims);
  const subject = partner ? undefined : claims?.sub;
  const cache = signedTokens.get(key) ?? signedTokens.set(key, new ExpiringCache(MAX_CACHED_TOKENS)).get(key)!;
  const cacheKey = JSON.stringify([subgraph, payload, subject ?? null]);
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const token = signGatewayToken(key, subgraph, payload, subject);
  cache.set(cacheKey, token, Date.now() + TOKEN_REUSE_MS);
  // A failed signature is not kept: the next fetch signs again.
  token.catch(() => cache.delete(cacheKey));
  return token;
}

/**
 * How long a signed token is reused for the same subgraph, claims and subject: half its lifetime,
 * so a subgraph always receives one with at least 30 s left. ES256 signing costs CPU on every
 * subgraph fetch (16 for The Guild's benchmark query); the token names no request, so a subgraph
 * sees nothing different in a reused one.
 */
export const TOKEN_REUSE_MS = (GATEWAY_TOKEN_SECONDS * 1000) / 2;
/** Distinct callers × subgraphs kept; past this the cache starts over (a burst of many users costs signatures, not memory). */
const MAX_CACHED_TOKENS = 10_000;
const signedTokens = new WeakMap<SigningKey, ExpiringCache<Promise<string>>>();

/**
 * Adds each subgraph request's token as a header of the subgraph execution request rather than at
 * fetch time: the engine merges identical subgraph queries that are in flight at the same time, and
 * its merge key holds these headers, so only callers with the same claims (hence the same token)
 * ever share an answer (test/security/caller-isolation.test.ts).
 */
export function useSubgraphTokens(options: {
  supergraph: string;
  /** The key to sign with now, asked at every fetch: a rotated key is used from its first fetch on (gateway-secrets.ts). */
  signingKey: () => Promise<SigningKey>;
}): GatewayPlugin {
  const subgraphs = new Set(subgraphEndpoints(options.supergraph).map((e) => e.name));
  return {
    async onSubgraphExecute({ subgraphName, executionRequest }) {
      if (!subgraphs.has(subgraphName)) return;
      const claims = (executionRequest.context as { jwt?: { payload?: ClientClaims } } | undefined)?.jwt?.payload;
      const token = await subgraphToken(await options.signingKey(), subgraphName, claims);
      const extensions = executionRequest.extensions ?? {};
      // Set on this request object, not a copy: plugins (subgraph-timeouts.ts) know a fetch's
      // request by its identity.
      executionRequest.extensions = {
        ...extensions,
        headers: { ...(extensions.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
      };
    },
  };
}
