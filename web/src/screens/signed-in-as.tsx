import { useTranslation } from '../i18n';
import { useSession } from '../session';

export function SignedInAs() {
  const { t } = useTranslation();
  const session = useSession();
  const claims = session.claims;
  if (!claims) return null;
  const roles = claims.roles.map((r) => t(`roles.${r}`)).join('、') || '—';
  return (
    <p className="signed-in">
      {t('session.signedInAs', { who: claims.sub ?? '—' })}（
      {t('session.rolesAndProvinces', { roles, provinces: claims.provinces.join('、') || t('session.noProvince') })}）{' '}
      <button type="button" className="link-button" onClick={session.signOut}>
        {t('session.signOut')}
      </button>
    </p>
  );
}
