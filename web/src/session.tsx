/**
 * Who uses the app: a bearer token pasted by the caseworker (locally, `npm run token`), kept for the
 * browser tab only (sessionStorage). The claims are read to show who is signed in; what the token
 * may see is decided by the gateway and the subgraphs, never here.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { completeHostedSignIn, displayedGroups, endHostedSignIn } from './hosted-sign-in';

const STORAGE_KEY = 'labor-cooperation.token';

export interface Claims {
  readonly sub?: string;
  readonly roles: readonly string[];
  readonly provinces: readonly string[];
  readonly exp?: number;
}

/** The token's claims, or an explanation of why it is not a token. */
export function readClaims(token: string): Claims | { readonly problem: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { problem: 'This is not a JSON Web Token (three parts separated by dots).' };
  try {
    const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    return {
      ...(typeof payload.sub === 'string' ? { sub: payload.sub } : {}),
      // A Cognito token (hosted sign-in) says who the user is by its groups.
      ...(Array.isArray(payload['cognito:groups'])
        ? displayedGroups(strings(payload['cognito:groups']))
        : { roles: strings(payload.roles), provinces: strings(payload.provinces) }),
      ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
    };
  } catch {
    return { problem: 'The token’s payload cannot be read; copy the whole token printed by `npm run token`.' };
  }
}

interface Session {
  readonly token: string | null;
  readonly claims: Claims | null;
  /** Why the hosted sign-in's last callback gave no token, if it did not. */
  readonly signInProblem: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(STORAGE_KEY));
  const [signInProblem, setSignInProblem] = useState<string | null>(null);
  const claims = token ? readClaims(token) : null;
  // Back from the hosted sign-in (AWS): exchange the code in the address for the token.
  useEffect(() => {
    void completeHostedSignIn().then((result) => {
      if (result && 'token' in result) {
        sessionStorage.setItem(STORAGE_KEY, result.token);
        setToken(result.token);
      } else if (result) setSignInProblem(result.problem);
    });
  }, []);
  const session: Session = {
    token,
    claims: claims && !('problem' in claims) ? claims : null,
    signInProblem,
    signIn(next) {
      sessionStorage.setItem(STORAGE_KEY, next);
      setToken(next);
    },
    signOut() {
      sessionStorage.removeItem(STORAGE_KEY);
      setToken(null);
      void endHostedSignIn();
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
