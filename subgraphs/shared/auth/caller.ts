/**
 * Who is calling, as the gateway vouches for it. Clients authenticate at the gateway with their own
 * JWT; the gateway then signs a short-lived token for each subgraph it calls (audience = that
 * subgraph), carrying only these claims. A subgraph answers nothing without a valid one, so its
 * endpoint alone is worth nothing to an attacker.
 */
import { importSPKI, jwtVerify, type CryptoKey, type KeyObject } from 'jose';
import { GraphQLError } from 'graphql';
import { ExpiringCache } from './expiring-cache.js';

export const ROLES = ['caseworker', 'employer', 'program_officer', 'admin', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** The scopes each role grants; `@requiresScopes` in the SDL names these. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly string[]>> = {
  // Caseworkers record hires made at fairs on the worker's behalf.
  caseworker: ['people:read', 'people:write', 'placements:write', 'hires:write'],
  // candidates:read: the few fields of a person an employer needs about its own hires and
  // candidates (subgraphs/people/field-access.ts); which people are its own, the employers and
  // programs subgraphs decide.
  employer: ['postings:write', 'hires:write', 'candidates:read'],
  program_officer: ['people:read', 'programs:write', 'placements:write', 'postings:write', 'hires:write', 'employers:write'],
  admin: ['people:read', 'people:write', 'placements:write', 'programs:write', 'postings:write', 'hires:write', 'employers:write'],
  partner: ['partner:read'],
};

export interface Caller {
  /** The client's subject (user id); null for anonymous requests. */
  readonly subject: string | null;
  readonly roles: readonly Role[];
  /** GB/T 2260 province codes a caseworker or officer is responsible for. */
  readonly provinces: readonly string[];
  /** The employer an `employer` user acts for. */
  readonly employerId: string | null;
}

export const ANONYMOUS: Caller = { subject: null, roles: [], provinces: [], employerId: null };

export const GATEWAY_ISSUER = 'labor-cooperation-gateway';
export const GATEWAY_TOKEN_ALGORITHM = 'ES256';
/** Long enough for one request's fetches, short enough that a stolen token is soon worthless. */
export const GATEWAY_TOKEN_SECONDS = 60;

export type VerificationKey = CryptoKey | KeyObject;

export const importGatewayPublicKey = (pem: string): Promise<VerificationKey> => importSPKI(pem, GATEWAY_TOKEN_ALGORITHM);

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Tokens already verified, until they expire: the gateway reuses a token for many requests (see
 * gateway/auth/subgraph-tokens.ts), and an ES256 verification costs more CPU than the rest of a small
 * request. Only valid tokens are kept; a forged one is verified (and refused) every time.
 */
const verifiedTokens = new WeakMap<VerificationKey, ExpiringCache<Caller>>();
const MAX_VERIFIED_TOKENS = 10_000;

/** The caller a gateway token vouches for; throws UNAUTHENTICATED for a missing, forged, expired or misaddressed one. */
export async function callerFromGatewayToken(authorization: string | undefined, key: VerificationKey, audience: string): Promise<Caller> {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw unauthenticated("This service answers only the gateway: send your request to the gateway's /graphql.");
  const cache = verifiedTokens.get(key) ?? verifiedTokens.set(key, new ExpiringCache(MAX_VERIFIED_TOKENS)).get(key)!;
  const cacheKey = `${audience} ${token}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: GATEWAY_ISSUER,
      audience,
      algorithms: [GATEWAY_TOKEN_ALGORITHM],
      maxTokenAge: `${GATEWAY_TOKEN_SECONDS}s`,
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string)) : [];
    const caller: Caller = {
      subject: typeof payload.sub === 'string' ? payload.sub : null,
      roles,
      provinces: Array.isArray(payload.provinces) ? payload.provinces.filter((p): p is string => typeof p === 'string') : [],
      employerId: typeof payload.employerId === 'string' ? payload.employerId : null,
    };
    // Valid while both the expiry and the maximum age jwtVerify checked hold.
    cache.set(cacheKey, caller, Math.min((payload.exp ?? 0) * 1000, ((payload.iat ?? 0) + GATEWAY_TOKEN_SECONDS) * 1000));
    return caller;
  } catch {
    throw unauthenticated("The gateway token is invalid or expired: send your request to the gateway's /graphql.");
  }
}

export const hasRole = (caller: Caller, ...roles: Role[]) => caller.roles.some((role) => roles.includes(role));

export const hasScope = (caller: Caller, scope: string) => caller.roles.some((role) => ROLE_SCOPES[role].includes(scope));

/**
 * The subgraph's own check behind the gateway's @requiresScopes: a request that reached the
 * subgraph some other way with a valid token still cannot write without the scope.
 */
export function requireScope(caller: Caller, scope: string, operation: string): void {
  if (hasScope(caller, scope)) return;
  const roles = ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));
  throw new GraphQLError(`${operation} needs the ${scope} scope, which the roles ${roles.join(', ')} have.`, {
    extensions: { code: caller.subject ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
  });
}

/** The roles whose `provinces` claim means "responsible for the people and programs of these provinces". */
export const PROVINCIAL_ROLES: readonly Role[] = ['caseworker', 'program_officer'];

/**
 * Whether the caller is responsible for `provinceCode` (GB/T 2260 province level, e.g. 500000): an
 * admin for every province, a caseworker or program officer for those its token names. An employer
 * or partner is responsible for none, whatever provinces its token claims.
 */
export function isResponsibleFor(caller: Caller, provinceCode: string): boolean {
  if (hasRole(caller, 'admin')) return true;
  return hasRole(caller, ...PROVINCIAL_ROLES) && caller.provinces.includes(provinceCode);
}

/**
 * Refuses, FORBIDDEN, unless the caller is responsible for one of `provinceCodes`; the message names
 * them and what the caller holds, so the right colleague can be asked. `what` says what the
 * provinces are, e.g. "the person's hometown province".
 */
export function requireResponsibleFor(caller: Caller, provinceCodes: readonly string[], operation: string, what: string): void {
  if (provinceCodes.some((code) => isResponsibleFor(caller, code))) return;
  const holds =
    hasRole(caller, ...PROVINCIAL_ROLES) && caller.provinces.length > 0
      ? `you are responsible for ${caller.provinces.join(', ')}`
      : 'you are responsible for no province';
  throw new GraphQLError(`${operation} needs a caseworker or officer of ${what} (${[...new Set(provinceCodes)].join(' or ')}) or an admin; ${holds}.`, {
    extensions: { code: caller.subject ? 'FORBIDDEN' : 'UNAUTHENTICATED', provinces: [...new Set(provinceCodes)] },
  });
}

/**
 * An `employer` user acts for one employer only; officers and admins act for any. Call with the
 * employer that owns what is being changed.
 */
export function requireActsFor(caller: Caller, employerId: string, operation: string): void {
  if (hasRole(caller, 'admin', 'program_officer', 'caseworker')) return;
  if (caller.employerId === employerId) return;
  throw new GraphQLError(
    `${operation}: you act for ${caller.employerId ? `employer "${caller.employerId}"` : 'no employer'}, and this belongs to employer "${employerId}".`,
    {
      extensions: { code: 'FORBIDDEN' },
    },
  );
}
