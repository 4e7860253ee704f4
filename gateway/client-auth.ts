/**
 * Who the client is: a JWT verified at the gateway (a Cognito user pool's JWKS in AWS, the local
 * development key pair here), then the federation auth directives (@authenticated,
 * @requiresScopes, @policy) of the supergraph enforced before any subgraph is called.
 */
import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, useJWT } from '@graphql-yoga/plugin-jwt';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ROLE_SCOPES, ROLES, type Role } from '../subgraphs/shared/caller.js';

export interface ClientAuthConfig {
  readonly issuer: string;
  readonly audience: string;
  /** AWS: the identity provider's JWKS URL (e.g. Cognito's …/.well-known/jwks.json). */
  readonly jwksUrl?: string;
  /** Local development: the PEM public key `npm run token` signs for. */
  readonly publicKeyPem?: string;
}

/** The claims of a client token this product reads. */
export interface ClientClaims {
  readonly sub?: string;
  readonly roles?: unknown;
  readonly provinces?: unknown;
  readonly employerId?: unknown;
}

export const rolesOf = (claims: ClientClaims | null | undefined): Role[] =>
  Array.isArray(claims?.roles) ? claims.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string)) : [];

/** Scopes come from roles, so a token cannot claim more than its roles grant. */
export const scopesOf = (claims: ClientClaims | null | undefined): string[] => [...new Set(rolesOf(claims).flatMap((role) => ROLE_SCOPES[role]))];

/** Named policies of `@policy` in the SDL, and the roles that satisfy each. */
export const POLICIES: Readonly<Record<string, readonly Role[]>> = {
  // ID and phone numbers: only people who work with registered workers; the people subgraph then
  // unmasks them only for the caller's provinces.
  personal_data: ['caseworker', 'program_officer', 'admin'],
};

export const policiesOf = (claims: ClientClaims | null | undefined): string[] =>
  Object.entries(POLICIES)
    .filter(([, roles]) => rolesOf(claims).some((role) => roles.includes(role)))
    .map(([policy]) => policy);

export function useClientJwt(config: ClientAuthConfig): GatewayPlugin {
  const provider = config.jwksUrl
    ? createRemoteJwksSigningKeyProvider({ jwksUri: config.jwksUrl, cache: true, rateLimit: true })
    : config.publicKeyPem
      ? createInlineSigningKeyProvider(config.publicKeyPem)
      : null;
  if (!provider) throw new Error('Client authentication needs JWT_JWKS_URL (AWS) or JWT_PUBLIC_KEY (local development).');
  return useJWT({
    signingKeyProviders: [provider],
    tokenVerification: { issuer: config.issuer, audience: config.audience, algorithms: ['RS256', 'ES256'] },
    // No token is an anonymous caller (public reads); a bad token is refused outright.
    reject: { missingToken: false, invalidToken: true },
    extendContext: true,
  }) as GatewayPlugin;
}

/** The runtime's `genericAuth` settings: directives enforced granularly, user = verified claims. */
export const directiveAuth = {
  mode: 'protect-granular' as const,
  rejectUnauthenticated: true,
  resolveUserFn: (context: Record<string, unknown>) => ((context.jwt as { payload?: ClientClaims } | undefined)?.payload ?? null) as Record<string, unknown> | null,
  extractScopes: (claims: Record<string, unknown>) => scopesOf(claims as ClientClaims),
  extractPolicies: (claims: Record<string, unknown>) => policiesOf(claims as ClientClaims),
};
