/**
 * Who uses the app: a bearer token kept for the browser tab only (sessionStorage). Locally it comes
 * from the gateway's development sign-in (pick a role and provinces); in AWS from the user pool's
 * hosted sign-in, which sends the browser back with the token in the address fragment. The claims
 * are read to show who is signed in and which screens to offer; what the token may see is decided
 * by the gateway and the subgraphs, never here.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { i18n } from './i18n';

const STORAGE_KEY = 'labor-cooperation.token';
export const DEV_SIGN_IN_URL = '/dev/sign-in';

export type Role = 'caseworker' | 'program_officer' | 'employer' | 'partner' | 'admin';

export interface Claims {
  readonly sub?: string;
  readonly roles: readonly Role[];
  readonly provinces: readonly string[];
  readonly employerId?: string;
  readonly exp?: number;
}

/** The token's claims, or an explanation of why it is not a token. */
export function readClaims(token: string): Claims | { readonly problem: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { problem: i18n.t('session.notJwt') };
  try {
    const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    return {
      ...(typeof payload.sub === 'string' ? { sub: payload.sub } : {}),
      // A Cognito token carries the user's groups; the pool's groups are named after the roles.
      roles: [...new Set([...strings(payload.roles), ...strings(payload['cognito:groups'])])] as Role[],
      provinces: strings(payload.provinces),
      ...(typeof payload.employerId === 'string' ? { employerId: payload.employerId } : {}),
      ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
    };
  } catch {
    return { problem: i18n.t('session.unreadable') };
  }
}

/** The token the hosted sign-in put in the address fragment (`#access_token=…`), removed from the address. */
function tokenFromRedirect(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('access_token');
  if (!token) return null;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

interface Session {
  readonly token: string | null;
  readonly claims: Claims | null;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => {
    const redirected = tokenFromRedirect();
    if (redirected) sessionStorage.setItem(STORAGE_KEY, redirected);
    return redirected ?? sessionStorage.getItem(STORAGE_KEY);
  });
  const claims = token ? readClaims(token) : null;
  const session: Session = {
    token,
    claims: claims && !('problem' in claims) ? claims : null,
    signIn(next) {
      sessionStorage.setItem(STORAGE_KEY, next);
      setToken(next);
    },
    signOut() {
      sessionStorage.removeItem(STORAGE_KEY);
      setToken(null);
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export const hasRole = (claims: Claims | null, ...roles: Role[]) => !!claims && claims.roles.some((r) => roles.includes(r) || r === 'admin');

/** The local gateway's development sign-in: a token for this role and provinces, or why not. */
export async function devSignIn(request: { role: Role; provinces: string[]; employerId?: string }): Promise<{ token: string } | { problem: string }> {
  try {
    const response = await fetch(DEV_SIGN_IN_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
    if (response.ok && body.token) return { token: body.token };
    return { problem: body.error ?? i18n.t('session.noDevSignIn') };
  } catch {
    return { problem: i18n.t('errors.network') };
  }
}

/** Whether this gateway offers the development sign-in (it is absent in production and in AWS). */
export async function devSignInAvailable(): Promise<boolean> {
  try {
    const response = await fetch(DEV_SIGN_IN_URL);
    return response.ok && (response.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}
