/**
 * Signs, for every subgraph fetch, a short-lived token addressed to that subgraph (audience = its
 * name) with the verified client claims it needs. Subgraphs refuse requests without one. Partner
 * subgraphs get no client token and only the claims they need (none personal).
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { importPKCS8, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_TOKEN_ALGORITHM, GATEWAY_TOKEN_SECONDS } from '../subgraphs/shared/caller.js';
import { rolesOf, type ClientClaims } from './client-auth.js';
import { subgraphEndpoints } from './readiness.js';

export type SigningKey = CryptoKey | KeyObject;

export const importGatewayPrivateKey = (pem: string): Promise<SigningKey> => importPKCS8(pem, GATEWAY_TOKEN_ALGORITHM);

export async function signGatewayToken(key: SigningKey, audience: string, claims: Record<string, unknown>, subject?: string): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: GATEWAY_TOKEN_ALGORITHM }).setIssuer(GATEWAY_ISSUER).setAudience(audience).setIssuedAt().setExpirationTime(`${GATEWAY_TOKEN_SECONDS}s`);
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
 * The token one fetch to `subgraph` carries for a client with `claims` (verified at the gateway;
 * none for anonymous callers). Partners get only the partner role, no identity.
 */
export function subgraphToken(key: SigningKey, subgraph: string, claims: ClientClaims | undefined, partner: boolean): Promise<string> {
  return partner
    ? signGatewayToken(key, subgraph, { roles: rolesOf(claims).filter((role) => role === 'partner') })
    : signGatewayToken(key, subgraph, coreClaims(claims), claims?.sub);
}

export function useSubgraphTokens(options: { supergraph: string; signingKey: Promise<SigningKey>; partnerSubgraphs?: readonly string[] }): GatewayPlugin {
  const nameByUrl = new Map(subgraphEndpoints(options.supergraph).map((e) => [e.url, e.name]));
  const partners = new Set(options.partnerSubgraphs ?? []);
  return {
    async onFetch({ url, options: init, setOptions, context }) {
      const subgraph = nameByUrl.get(url);
      if (!subgraph) return;
      const claims = (context as { jwt?: { payload?: ClientClaims } }).jwt?.payload;
      const token = await subgraphToken(await options.signingKey, subgraph, claims, partners.has(subgraph));
      const headers = new Headers(init.headers as HeadersInit | undefined);
      headers.set('authorization', `Bearer ${token}`);
      setOptions({ ...init, headers: Object.fromEntries(headers) });
    },
  };
}
