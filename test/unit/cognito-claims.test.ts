import { describe, expect, it } from 'vitest';
import { scopesOf } from '../../gateway/auth/client-auth.js';
import { claimsFromCognito, cognitoAudienceProblem, employerGroup, provinceGroup } from '../../gateway/auth/cognito-claims.js';
import { ROLE_SCOPES, ROLES } from '../../subgraphs/shared/auth/caller.js';

const CLIENT_ID = '4ab5cd6ef7gh8ij9kl0mn1op2q';
/** An ID token's payload as Cognito writes it (the claims this product reads, and some it ignores). */
const idToken = (groups: unknown, extra: Record<string, unknown> = {}) => ({
  sub: 'a1b2c3d4-0000-4000-8000-000000000001',
  token_use: 'id',
  aud: CLIENT_ID,
  iss: 'https://cognito-idp.cn-north-1.amazonaws.com/cn-north-1_AbCdEfGhI',
  exp: 1_900_000_000,
  'cognito:username': 'li.caseworker',
  'cognito:groups': groups,
  ...extra,
});

describe('claimsFromCognito', () => {
  it('reads a caseworker of Sichuan from the caseworker and province-510000 groups', () => {
    expect(claimsFromCognito(idToken(['caseworker', provinceGroup('510000')]))).toEqual({
      sub: 'a1b2c3d4-0000-4000-8000-000000000001',
      roles: ['caseworker'],
      provinces: ['510000'],
      exp: 1_900_000_000,
    });
  });

  it('grants nothing for a group it does not know: no role, no province, no scope', () => {
    const claims = claimsFromCognito(idToken(['Admins', 'caseworkers', 'province-sichuan', 'province-510100', 'superuser']));
    expect(claims).toEqual({ sub: 'a1b2c3d4-0000-4000-8000-000000000001', roles: [], provinces: [], exp: 1_900_000_000 });
    expect(scopesOf(claims)).toEqual([]);
  });

  it('grants nothing without groups, or with a groups claim that is not a list of names', () => {
    for (const groups of [undefined, 'admin', { admin: true }, [42, null]])
      expect(claimsFromCognito(idToken(groups))).toMatchObject({ roles: [], provinces: [] });
  });

  it('maps every role group to its role, and the role to exactly its scopes', () => {
    for (const role of ROLES) {
      const claims = claimsFromCognito(idToken([role]));
      expect(claims.roles).toEqual([role]);
      expect(scopesOf(claims).sort()).toEqual([...ROLE_SCOPES[role]].sort());
    }
  });

  it('ignores attributes a user could write: roles, provinces and employer come from groups only', () => {
    const claims = claimsFromCognito(
      idToken(['employer'], { roles: ['admin'], provinces: ['110000'], employerId: 'emp-2', 'custom:provinces': '110000', 'custom:employer_id': 'emp-2' }),
    );
    expect(claims).toEqual({ sub: 'a1b2c3d4-0000-4000-8000-000000000001', roles: ['employer'], provinces: [], exp: 1_900_000_000 });
  });

  it('acts for the one employer of an employer-<id> group, and for none when there are two', () => {
    expect(claimsFromCognito(idToken(['employer', employerGroup('emp-0001')])).employerId).toBe('emp-0001');
    expect(claimsFromCognito(idToken(['employer', employerGroup('emp-0001'), employerGroup('emp-0002')])).employerId).toBeUndefined();
    expect(claimsFromCognito(idToken(['employer', 'employer-'])).employerId).toBeUndefined();
  });

  it('keeps several provinces once each, in the order of the groups', () => {
    expect(claimsFromCognito(idToken(['program_officer', 'province-500000', 'province-510000', 'province-500000'])).provinces).toEqual(['500000', '510000']);
  });
});

describe('cognitoAudienceProblem', () => {
  it('accepts an ID token whose aud is the app client, and an access token whose client_id is', () => {
    expect(cognitoAudienceProblem(idToken([]), CLIENT_ID)).toBeNull();
    expect(cognitoAudienceProblem({ token_use: 'access', client_id: CLIENT_ID, scope: 'openid email' }, CLIENT_ID)).toBeNull();
  });

  it('refuses a token of another client of the pool, saying which kind it is', () => {
    expect(cognitoAudienceProblem(idToken([], { aud: 'another-client' }), CLIENT_ID)).toBe(
      'The ID token was issued to another app client of the user pool; sign in through this app.',
    );
    // An access token has no aud: one that names our client there but not in client_id is not ours.
    expect(cognitoAudienceProblem({ token_use: 'access', aud: CLIENT_ID, client_id: 'another-client' }, CLIENT_ID)).toBe(
      'The access token was issued to another app client of the user pool; sign in through this app.',
    );
  });

  it('refuses a token that says it is neither an ID nor an access token', () => {
    for (const token_use of [undefined, 'refresh', 'ID'])
      expect(cognitoAudienceProblem({ token_use, aud: CLIENT_ID, client_id: CLIENT_ID }, CLIENT_ID)).toMatch(/^The token is neither/);
  });
});
