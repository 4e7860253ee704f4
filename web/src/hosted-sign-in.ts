/// <reference types="vite/client" />
/**
 * Signing in through the identity provider's hosted sign-in (AWS: the Cognito user pool's managed
 * login): OAuth 2.0 authorization code with PKCE (RFC 7636), no client secret. The stack writes
 * where to sign in into `config.json` beside the app (infra/lib/web-app-hosting.ts); without it
 * (local runs) there is no hosted sign-in and the development sign-in stays.
 *
 * The app keeps the access token for the tab (what the gateway checks) and nothing else: no
 * refresh token in browser storage; after an hour the user signs in again (the hosted sign-in
 * remembers them for a while, so that is usually one redirect).
 */

export interface HostedSignInConfig {
  /** The hosted sign-in's base URL: `/oauth2/authorize`, `/oauth2/token` and `/logout` are under it. */
  readonly url: string;
  readonly clientId: string;
  /** The app's address, where the sign-in returns with `?code=…&state=…`. */
  readonly redirectUri: string;
  readonly logoutUri: string;
}

const PENDING_KEY = 'labor-cooperation.sign-in';
const SCOPES = 'openid email profile';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge of a PKCE code verifier. */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** The authorization request, in the app's language (managed login speaks zh-CN and en). */
export function authorizeUrl(config: HostedSignInConfig, request: { state: string; challenge: string; lang: string }): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: SCOPES,
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
    lang: request.lang,
  });
  return `${config.url}/oauth2/authorize?${query}`;
}

export function signOutUrl(config: HostedSignInConfig): string {
  return `${config.url}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutUri })}`;
}

export type Callback = { readonly kind: 'none' } | { readonly kind: 'code'; readonly code: string } | { readonly kind: 'problem'; readonly problem: string };

/**
 * What the address the sign-in returned to says: nothing (not a callback), a code to exchange, or
 * why not. A state that is not the one this tab sent is refused: the callback was not asked for here.
 */
export function readCallback(search: string, expectedState: string | null): Callback {
  const query = new URLSearchParams(search);
  if (query.has('error')) return { kind: 'problem', problem: `登录未完成（${query.get('error_description') ?? query.get('error')}），请重新登录。` };
  const code = query.get('code');
  if (!code) return { kind: 'none' };
  if (!expectedState || query.get('state') !== expectedState) return { kind: 'problem', problem: '登录请求已过期或不是从本页面发起的，请重新登录。' };
  return { kind: 'code', code };
}

/** The token request body for the code, with the verifier only this tab has. */
export const tokenRequestBody = (config: HostedSignInConfig, code: string, verifier: string) =>
  new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: config.redirectUri, code_verifier: verifier });

let configRequest: Promise<HostedSignInConfig | null> | undefined;

/** The deployment's sign-in, or null where there is none (local runs: no config.json beside the app). */
export function hostedSignInConfig(): Promise<HostedSignInConfig | null> {
  configRequest ??= fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-cache' })
    .then(async (response) => {
      if (!response.ok) return null;
      const body = (await response.json()) as { signIn?: HostedSignInConfig };
      return body.signIn?.url && body.signIn.clientId ? body.signIn : null;
    })
    .catch(() => null);
  return configRequest;
}

/** Leaves for the hosted sign-in; it comes back to the app's address with a code. */
export async function startHostedSignIn(config: HostedSignInConfig): Promise<void> {
  const state = randomString();
  const verifier = randomString();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier }));
  const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'zh-CN';
  window.location.assign(authorizeUrl(config, { state, challenge: await codeChallenge(verifier), lang }));
}

/**
 * On the app's first render: when the address is the sign-in's callback, exchanges its code for
 * the tokens and cleans the address. Returns the access token, a problem to show, or null.
 */
export async function completeHostedSignIn(): Promise<{ token: string } | { problem: string } | null> {
  const config = await hostedSignInConfig();
  if (!config) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { state: string; verifier: string } | null;
  const callback = readCallback(window.location.search, pending?.state ?? null);
  if (callback.kind === 'none') return null;
  sessionStorage.removeItem(PENDING_KEY);
  // The code is single-use and useless without the verifier, but it does not belong in the history.
  history.replaceState(null, '', window.location.pathname);
  if (callback.kind === 'problem') return { problem: callback.problem };
  try {
    const response = await fetch(`${config.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenRequestBody(config, callback.code, pending!.verifier),
    });
    const body = (await response.json()) as { access_token?: string; error?: string };
    if (!response.ok || !body.access_token) return { problem: `登录未完成（${body.error ?? response.status}），请重新登录。` };
    return { token: body.access_token };
  } catch {
    return { problem: '无法连接登录服务，请检查网络后重新登录。' };
  }
}

/** Ends the hosted sign-in's own session too, where there is one (the app's token is already gone). */
export async function endHostedSignIn(): Promise<void> {
  const config = await hostedSignInConfig();
  if (config) window.location.assign(signOutUrl(config));
}

/**
 * Roles and provinces from a Cognito token's groups, for showing who is signed in (the convention
 * of gateway/auth/cognito-claims.ts, which decides what they grant; test/web/hosted-sign-in.test.ts
 * keeps the two in step).
 */
export function displayedGroups(groups: readonly string[]): { roles: string[]; provinces: string[] } {
  return {
    roles: groups.filter((g) => !g.startsWith('province-') && !g.startsWith('employer-')),
    provinces: groups.filter((g) => /^province-[1-9]\d0000$/.test(g)).map((g) => g.slice('province-'.length)),
  };
}
