import { describe, expect, it } from 'vitest';
import { claimsFromCognito, provinceGroup } from '../../gateway/auth/cognito-claims.js';
import { ROLES } from '../../subgraphs/shared/auth/caller.js';
import { authorizeUrl, codeChallenge, displayedGroups, readCallback, signOutUrl, tokenRequestBody } from '../../web/src/hosted-sign-in.js';

const config = {
  url: 'https://labor-cooperation-prod-123456789012.auth.cn-north-1.amazoncognito.com',
  clientId: '4ab5cd6ef7gh8ij9kl0mn1op2q',
  redirectUri: 'https://d111111abcdef8.cloudfront.net/app/',
  logoutUri: 'https://d111111abcdef8.cloudfront.net/app/',
};

describe('the hosted sign-in (authorization code + PKCE)', () => {
  it('derives the S256 challenge of RFC 7636’s example verifier', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('asks for a code for the app client, with the challenge, the state and the app’s language', () => {
    const url = new URL(authorizeUrl(config, { state: 'st-1', challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', lang: 'zh-CN' }));
    expect(`${url.origin}${url.pathname}`).toBe(`${config.url}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      scope: 'openid email profile',
      state: 'st-1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      lang: 'zh-CN',
    });
  });

  it('exchanges the code with the verifier and no secret', () => {
    expect(Object.fromEntries(tokenRequestBody(config, 'code-1', 'verifier-1'))).toEqual({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: 'code-1',
      redirect_uri: config.redirectUri,
      code_verifier: 'verifier-1',
    });
  });

  it('takes a code only with the state this tab sent', () => {
    expect(readCallback('?code=c1&state=st-1', 'st-1')).toEqual({ kind: 'code', code: 'c1' });
    expect(readCallback('?code=c1&state=st-2', 'st-1')).toMatchObject({ kind: 'problem' });
    expect(readCallback('?code=c1&state=st-1', null)).toMatchObject({ kind: 'problem' });
    expect(readCallback('?people=1', 'st-1')).toEqual({ kind: 'none' });
    expect(readCallback('', null)).toEqual({ kind: 'none' });
  });

  it('says why the sign-in returned an error, in Chinese', () => {
    expect(readCallback('?error=access_denied&error_description=User+is+disabled.', 'st-1')).toEqual({
      kind: 'problem',
      problem: '登录未完成（User is disabled.），请重新登录。',
    });
  });

  it('signs out of the hosted sign-in back to the app', () => {
    const url = new URL(signOutUrl(config));
    expect(`${url.origin}${url.pathname}`).toBe(`${config.url}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: config.clientId, logout_uri: config.logoutUri });
  });

  it('shows the roles and provinces the gateway reads from the same groups', () => {
    const groups = [...ROLES, provinceGroup('510000'), provinceGroup('500000')];
    const gateway = claimsFromCognito({ 'cognito:groups': groups });
    expect(displayedGroups(groups)).toEqual({ roles: gateway.roles, provinces: gateway.provinces });
  });
});
