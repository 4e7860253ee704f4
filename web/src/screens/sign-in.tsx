import { useId, useState, type FormEvent } from 'react';
import { HostedSignInButton } from '../hosted-sign-in-button';
import { readClaims, useSession } from '../session';

/** Signing in with a development token; in AWS the token comes from the identity provider. */
export function SignIn() {
  const session = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { token: useId(), help: useId(), problem: useId() };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget).get('token') ?? '')
      .trim()
      .replace(/^Bearer\s+/i, '');
    if (!token) return setProblem('Paste a token first.');
    const claims = readClaims(token);
    if ('problem' in claims) return setProblem(claims.problem);
    if (claims.exp && claims.exp * 1000 < Date.now()) return setProblem('This token has expired; make a new one.');
    setProblem(null);
    session.signIn(token);
  };
  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in as a caseworker</h2>
      <HostedSignInButton />
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.token}>Development token</label>
          <textarea
            id={ids.token}
            name="token"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={problem ? `${ids.help} ${ids.problem}` : ids.help}
            aria-invalid={problem ? true : undefined}
          />
          <p id={ids.help} className="help">
            Make one with <code>npm run token -- --role caseworker --province 510000</code> (your provinces decide whose ID and phone numbers you see whole).
          </p>
          {problem ? (
            <p id={ids.problem} className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
