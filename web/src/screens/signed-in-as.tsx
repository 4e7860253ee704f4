import { useSession } from '../session';

export function SignedInAs() {
  const session = useSession();
  const claims = session.claims;
  return (
    <p className="signed-in">
      Signed in{claims?.sub ? ` as ${claims.sub}` : ''}
      {claims ? ` — ${claims.roles.join(', ') || 'no role'}${claims.provinces.length > 0 ? `, provinces ${claims.provinces.join(', ')}` : ''}` : ''}.{' '}
      <button type="button" className="link-button" onClick={session.signOut}>
        Sign out
      </button>
    </p>
  );
}
