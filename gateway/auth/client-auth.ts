/**
 * Who the client is: a JWT verified at the gateway (a Cognito user pool's JWKS in AWS, the local
 * development key pair here), and what its roles grant. directive-auth.ts then enforces the
 * federation auth directives (@authenticated, @requiresScopes, @policy) with these grants.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  createInlineSigningKeyProvider,
  createRemoteJwksSigningKeyProvider,
  useJWT,
  type GetSigningKeyFunction,
  type JwtPluginOptions,
} from '@graphql-yoga/plugin-jwt';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { ROLE_SCOPES, ROLES, type Role } from '../../subgraphs/shared/auth/caller.js';
import { PERSONAL_DATA_POLICY } from './personal-data.js';
import { ExpiringCache } from '../../subgraphs/shared/auth/expiring-cache.js';
import { claimsFromCognito, cognitoAudienceProblem, type CognitoTokenPayload } from './cognito-claims.js';

export interface ClientAuthConfig {
  readonly issuer: string;
  readonly audience: string;
  /** AWS: the identity provider's JWKS URL (e.g. Cognito's …/.well-known/jwks.json). */
  readonly jwksUrl?: string;
  /** Local development: the PEM public key `npm run token` signs for. */
  readonly publicKeyPem?: string;
  /**
   * 'cognito': the issuer is a Cognito user pool and `audience` its app client id; roles, provinces
   * and employer come from the token's groups (cognito-claims.ts), and both its ID and access tokens
   * are accepted. Absent: the token carries `roles`, `provinces` and `employerId` itself (the local
   * development issuer).
   */
  readonly claims?: 'cognito';
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
  [PERSONAL_DATA_POLICY]: ['caseworker', 'program_officer', 'admin'],
};

export const policiesOf = (claims: ClientClaims | null | undefined): string[] =>
  Object.entries(POLICIES)
    .filter(([, roles]) => rolesOf(claims).some((role) => roles.includes(role)))
    .map(([policy]) => policy);

const jwtOptions = (config: ClientAuthConfig, provider: GetSigningKeyFunction): JwtPluginOptions => ({
  signingKeyProviders: [provider],
  // A Cognito access token has no `aud` (it names the client in `client_id`): useCognitoClaims checks it instead.
  tokenVerification: {
    issuer: config.issuer,
    ...(config.claims === 'cognito' ? {} : { audience: config.audience }),
    algorithms: ['RS256', 'ES256'],
  },
  // No token is an anonymous caller (public reads); a bad token is refused outright.
  reject: { missingToken: false, invalidToken: true },
  extendContext: true,
});

const missingKey = () => new Error('Client authentication needs JWT_JWKS_URL (AWS) or JWT_PUBLIC_KEY (local development).');

/**
 * @graphql-yoga/plugin-jwt configured as its documentation shows, for our issuer: what a Hive
 * Gateway user would run. The benchmark's "default Hive Gateway" authenticates with this.
 */
export function useDocumentedClientJwt(config: ClientAuthConfig): GatewayPlugin {
  return useJWT(jwtOptions(config, documentedProvider(config))) as GatewayPlugin;
}

/** The plugin's own providers: a PEM per key id from the JWKS, or the local key's PEM. */
function documentedProvider(config: ClientAuthConfig): GetSigningKeyFunction {
  if (config.jwksUrl) return createRemoteJwksSigningKeyProvider({ jwksUri: config.jwksUrl, cache: true, rateLimit: true });
  if (config.publicKeyPem) return createInlineSigningKeyProvider(config.publicKeyPem);
  throw missingKey();
}

/**
 * The same checks, with the two costs that dominated a small request's CPU removed:
 * - the documented providers hand jsonwebtoken a PEM string, which it parses into a key object on
 *   every verification; these providers parse each key once;
 * - a token is verified (ECDSA/RSA) on its first request only, then remembered until it expires
 *   (at most VERIFIED_TOKEN_MS, so a key the issuer withdraws stops working within that time). A
 *   forged or expired token is never remembered: it is verified, and refused, every time.
 * Returns the plugins in the order they must run.
 */
export function useClientJwt(config: ClientAuthConfig): GatewayPlugin[] {
  return [
    useVerifiedClientTokens(),
    useJWT(jwtOptions(config, keyObjectProvider(config))) as GatewayPlugin,
    useExpiringTokensOnly(),
    ...(config.claims === 'cognito' ? [useCognitoClaims(config.audience)] : []),
  ];
}

/**
 * After verification, before anything reads the claims: a Cognito token must be for our app client
 * (refused otherwise, like a bad signature), and its groups become the claims the auth directives
 * and the subgraph tokens read. Replaced once per token: a remembered token is already mapped.
 */
function useCognitoClaims(clientId: string): GatewayPlugin {
  const mapped = new WeakSet<object>();
  return {
    onRequestParse({ serverContext }) {
      const context = serverContext as { jwt?: VerifiedClientToken };
      const jwt = context.jwt;
      if (!jwt || mapped.has(jwt.payload)) return;
      const problem = cognitoAudienceProblem(jwt.payload as CognitoTokenPayload, clientId);
      if (problem) throw new GraphQLError(problem, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      const payload = claimsFromCognito(jwt.payload as CognitoTokenPayload);
      mapped.add(payload);
      context.jwt = { ...jwt, payload };
    },
  };
}

export const TOKEN_WITHOUT_EXPIRY = 'The client token has no expiry (exp claim); sign in again with a token that expires.';

/**
 * jsonwebtoken checks `exp` only when a token has one: a token without it would be good forever
 * (a leaked one could never be withdrawn but by changing the issuer's key). Refused, after the JWT
 * plugin verified it and before anything trusts it (or remembers it as verified).
 */
function useExpiringTokensOnly(): GatewayPlugin {
  return {
    onRequestParse({ serverContext }) {
      const jwt = (serverContext as { jwt?: VerifiedClientToken }).jwt;
      if (jwt && !(typeof jwt.payload.exp === 'number' && Number.isFinite(jwt.payload.exp))) {
        throw new GraphQLError(TOKEN_WITHOUT_EXPIRY, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  };
}

/** How long a verified client token is trusted without verifying it again (less if it expires sooner). */
export const VERIFIED_TOKEN_MS = 5 * 60_000;
const MAX_VERIFIED_TOKENS = 10_000;

/** The documented provider's PEMs, each parsed into a KeyObject once. */
function keyObjectProvider(config: ClientAuthConfig): GetSigningKeyFunction {
  const pemOf = documentedProvider(config);
  const parsed = new Map<string, KeyObject>();
  const keyOf = (pem: string) => {
    let key = parsed.get(pem);
    if (!key) {
      // An issuer publishes a handful of keys; a JWKS that keeps changing only costs parsing again.
      if (parsed.size >= 64) parsed.clear();
      key = createPublicKey(pem);
      parsed.set(pem, key);
    }
    return key;
  };
  // A malformed local key fails at start, not on the first request.
  if (!config.jwksUrl && config.publicKeyPem) keyOf(config.publicKeyPem);
  // jsonwebtoken takes a KeyObject as readily as a PEM; the plugin's type says string only.
  return async (kid) => keyOf(await pemOf(kid)) as unknown as string;
}

interface VerifiedClientToken {
  readonly payload: ClientClaims & { exp?: number; nbf?: number };
  readonly token: { readonly value: string; readonly prefix?: string };
}

/**
 * Before the JWT plugin: a token verified earlier is put on the request's server context, where the
 * plugin takes it as already verified. After it: a newly verified token is remembered.
 */
function useVerifiedClientTokens(): GatewayPlugin {
  const verified = new ExpiringCache<VerifiedClientToken>(MAX_VERIFIED_TOKENS);
  return {
    onRequestParse({ request, serverContext }) {
      // The JWT plugin reads the same header, the same way (prefix `Bearer`, one space).
      const [prefix, token] = (request.headers.get('authorization') ?? '').split(' ').map((part) => part.trim());
      if (prefix !== 'Bearer' || !token) return;
      const known = verified.get(token);
      if (known) Object.assign(serverContext as unknown as Record<string, unknown>, { jwt: known });
    },
    onContextBuilding({ context }) {
      const jwt = (context as { jwt?: VerifiedClientToken }).jwt;
      if (!jwt?.token?.value || verified.get(jwt.token.value)) return;
      const expires = typeof jwt.payload.exp === 'number' ? jwt.payload.exp * 1000 : Infinity;
      verified.set(jwt.token.value, jwt, Math.min(expires, Date.now() + VERIFIED_TOKEN_MS));
    },
  };
}
