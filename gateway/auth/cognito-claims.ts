/**
 * A Cognito user pool's tokens, read as the product's client claims. Everything a user may do comes
 * from the groups a pool administrator put them in (`cognito:groups`, in both the ID and the access
 * token), never from an attribute: Cognito lets users change their own attributes through any app
 * client that may write them, but only an administrator changes group membership.
 *
 *   caseworker, program_officer, employer, admin, partner   the role of that name (ROLES)
 *   province-510000                                          responsible for that province (GB/T 2260)
 *   employer-<employer id>                                   acts for that employer (exactly one)
 *
 * Any other group grants nothing.
 */
import { ROLES, type Role } from '../../subgraphs/shared/auth/caller.js';

export const PROVINCE_GROUP_PREFIX = 'province-';
export const EMPLOYER_GROUP_PREFIX = 'employer-';
/** Province level of GB/T 2260: two digits, then 0000. */
const PROVINCE_CODE = /^[1-9]\d0000$/;

/** The group that makes a user responsible for a province, e.g. `province-510000`. */
export const provinceGroup = (provinceCode: string) => `${PROVINCE_GROUP_PREFIX}${provinceCode}`;
/** The group that makes an `employer` user act for that employer. */
export const employerGroup = (employerId: string) => `${EMPLOYER_GROUP_PREFIX}${employerId}`;

/** The verified payload of a Cognito token, as far as this product reads it. */
export interface CognitoTokenPayload {
  readonly sub?: unknown;
  readonly token_use?: unknown;
  readonly aud?: unknown;
  readonly client_id?: unknown;
  readonly exp?: unknown;
  readonly 'cognito:groups'?: unknown;
  readonly [claim: string]: unknown;
}

/** The claims the gateway reads (ClientClaims, client-auth.ts), plus the expiry it checks. */
export interface MappedClaims {
  readonly sub?: string;
  readonly roles: Role[];
  readonly provinces: string[];
  readonly employerId?: string;
  readonly exp?: number;
}

/**
 * Why this token is not one the app client may use, or null when it is: an ID token names the
 * client in `aud`, an access token in `client_id` (it has no `aud`). Anything else (a token of
 * another client of the same pool, a refresh token) is refused.
 */
export function cognitoAudienceProblem(payload: CognitoTokenPayload, clientId: string): string | null {
  if (payload.token_use === 'id') {
    const audiences = [payload.aud].flat();
    return audiences.includes(clientId) ? null : 'The ID token was issued to another app client of the user pool; sign in through this app.';
  }
  if (payload.token_use === 'access')
    return payload.client_id === clientId ? null : 'The access token was issued to another app client of the user pool; sign in through this app.';
  return 'The token is neither a Cognito ID token nor an access token (token_use); send the ID or access token the sign-in returned.';
}

/** The product's claims for a verified Cognito token: roles, provinces and employer from its groups. */
export function claimsFromCognito(payload: CognitoTokenPayload): MappedClaims {
  const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'].filter((g): g is string => typeof g === 'string') : [];
  const roles = ROLES.filter((role) => groups.includes(role));
  const provinces = [...new Set(groups.filter((g) => g.startsWith(PROVINCE_GROUP_PREFIX)).map((g) => g.slice(PROVINCE_GROUP_PREFIX.length)))].filter((code) =>
    PROVINCE_CODE.test(code),
  );
  const employers = [...new Set(groups.filter((g) => g.startsWith(EMPLOYER_GROUP_PREFIX)).map((g) => g.slice(EMPLOYER_GROUP_PREFIX.length)))].filter(Boolean);
  return {
    ...(typeof payload.sub === 'string' ? { sub: payload.sub } : {}),
    roles,
    provinces,
    // Two employers would make every write ambiguous: such a user acts for none until one group is removed.
    ...(employers.length === 1 ? { employerId: employers[0] } : {}),
    ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
  };
}
