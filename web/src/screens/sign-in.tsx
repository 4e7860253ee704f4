import { useEffect, useId, useState, type FormEvent } from 'react';
import { FieldErrors } from '../components';
import { useTranslation } from '../i18n';
import { PROVINCES } from '../provinces';
import { BASE } from '../routes';
import { devSignIn, devSignInAvailable, readClaims, useSession, type Role } from '../session';

const ROLES: readonly Role[] = ['caseworker', 'program_officer', 'employer'];

/** Where the deployment's hosted sign-in is (config.json beside index.html, written by the stack); none locally. */
async function hostedSignInUrl(): Promise<string | null> {
  try {
    const response = await fetch(`${BASE}/config.json`);
    if (!response.ok) return null;
    const config = (await response.json()) as { hostedSignInUrl?: unknown };
    return typeof config.hostedSignInUrl === 'string' ? config.hostedSignInUrl : null;
  } catch {
    return null;
  }
}

/** Signing in: the development sign-in locally, the identity provider's hosted page in AWS. */
export function SignIn() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [dev, setDev] = useState<boolean | null>(null);
  const [hosted, setHosted] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('caseworker');
  const [problem, setProblem] = useState<string | null>(null);
  const [tokenProblem, setTokenProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = {
    role: useId(),
    province: useId(),
    employer: useId(),
    employerHelp: useId(),
    problem: useId(),
    token: useId(),
    tokenHelp: useId(),
    tokenProblem: useId(),
  };
  useEffect(() => {
    void devSignInAvailable().then(setDev);
    void hostedSignInUrl().then(setHosted);
  }, []);

  const submitDev = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const province = String(form.get('province') ?? '');
    const employerId = String(form.get('employerId') ?? '').trim();
    setBusy(true);
    const result = await devSignIn({ role, provinces: province ? [province] : [], ...(role === 'employer' && employerId ? { employerId } : {}) });
    setBusy(false);
    if ('problem' in result) return setProblem(t('session.signInFailed', { reason: result.problem }));
    setProblem(null);
    session.signIn(result.token);
  };

  const submitToken = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget).get('token') ?? '')
      .trim()
      .replace(/^Bearer\s+/i, '');
    if (!token) return setTokenProblem(t('session.tokenMissing'));
    const claims = readClaims(token);
    if ('problem' in claims) return setTokenProblem(claims.problem);
    if (claims.exp && claims.exp * 1000 < Date.now()) return setTokenProblem(t('session.tokenExpired'));
    setTokenProblem(null);
    session.signIn(token);
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('session.signInTitle')}</h2>
      {hosted ? (
        <p>
          <a className="button" href={hosted}>
            {t('session.hostedSignIn')}
          </a>{' '}
          <span className="help">{t('session.hostedSignInHelp')}</span>
        </p>
      ) : null}
      {dev ? (
        <form onSubmit={submitDev} noValidate aria-label={t('session.signInTitle')}>
          <p className="help">{t('session.devSignInHelp')}</p>
          <div className="field">
            <label htmlFor={ids.role}>{t('session.role')}</label>
            <select id={ids.role} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          {role !== 'employer' ? (
            <div className="field">
              <label htmlFor={ids.province}>{t('session.province')}</label>
              <select id={ids.province} name="province" defaultValue="510000">
                {PROVINCES.map((p) => (
                  <option key={p.code} value={p.code}>
                    {i18n.language === 'en' ? `${p.nameEn} ${p.name}` : p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor={ids.employer}>{t('session.employerId')}</label>
              <input id={ids.employer} name="employerId" autoComplete="off" aria-describedby={ids.employerHelp} />
              <p id={ids.employerHelp} className="help">
                {t('session.employerIdHelp')}
              </p>
            </div>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('session.signingIn') : t('session.signInButton')}
          </button>
          <FieldErrors id={ids.problem} errors={problem ? [{ message: problem }] : []} />
        </form>
      ) : null}
      <details className="token-sign-in">
        <summary>{t('session.pasteToken')}</summary>
        <form onSubmit={submitToken} noValidate>
          <div className="field">
            <label htmlFor={ids.token}>{t('session.token')}</label>
            <textarea
              id={ids.token}
              name="token"
              rows={4}
              spellCheck={false}
              autoComplete="off"
              aria-describedby={tokenProblem ? `${ids.tokenHelp} ${ids.tokenProblem}` : ids.tokenHelp}
              aria-invalid={tokenProblem ? true : undefined}
            />
            <p id={ids.tokenHelp} className="help">
              {t('session.tokenHelp')}
            </p>
            <FieldErrors id={ids.tokenProblem} errors={tokenProblem ? [{ message: tokenProblem }] : []} />
          </div>
          <button type="submit">{t('session.signInButton')}</button>
        </form>
      </details>
    </section>
  );
}
