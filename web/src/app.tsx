import { useEffect, useRef } from 'react';
import { Link } from './components';
import { currentLanguage, setLanguage, useTranslation } from './i18n';
import { paths, useRoute, type Route } from './routes';
import { hasRole, useSession } from './session';
import { JobFairScreen } from './screens/job-fair-screen';
import { PeopleScreen } from './screens/people-screen';
import { PersonScreen } from './screens/person-screen';
import { ProgramScreen } from './screens/program-screen';
import { ProgramsScreen } from './screens/programs-screen';
import { SignedInAs } from './screens/signed-in-as';
import { ImportScreen } from './screens/import-screen';
import { FollowUpScreen } from './screens/follow-up-screen';
import { RegisterScreen } from './screens/register-screen';

function Screen({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.screen) {
    case 'programs':
      return <ProgramsScreen search={route.search} />;
    case 'program':
      return <ProgramScreen id={route.id} />;
    case 'fair':
      return <JobFairScreen id={route.id} />;
    case 'people':
      return <PeopleScreen search={route.search} />;
    case 'person':
      return <PersonScreen id={route.id} />;
    case 'import':
      return <ImportScreen />;
    case 'register':
      return <RegisterScreen />;
    case 'follow-up':
      return <FollowUpScreen search={route.search} />;
    case 'not-found':
      return (
        <>
          <h1>{t('common.notFoundTitle')}</h1>
          <p>
            {t('common.notFoundText')} <Link href={paths.programs()}>{t('common.goToPrograms')}</Link>
          </p>
        </>
      );
  }
}

type Section = 'programs' | 'people' | 'register' | 'follow-up' | 'import';

const sectionOf = (route: Route): Section => {
  if (route.screen === 'people' || route.screen === 'person') return 'people';
  if (route.screen === 'import' || route.screen === 'follow-up' || route.screen === 'register') return route.screen;
  return 'programs';
};

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const key = 'id' in route ? `${route.screen}:${route.id}` : route.screen;
  // After navigating, keyboard and screen-reader users start at the new screen's content.
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation (key), by design
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [key]);
  const section = sectionOf(route);
  const staff = !session.claims || hasRole(session.claims, 'caseworker', 'program_officer');
  const items: { section: Section; href: string; label: string; show: boolean }[] = [
    { section: 'programs', href: paths.programs(), label: t('nav.programs'), show: true },
    { section: 'people', href: paths.people(), label: t('nav.people'), show: staff },
    // registerPerson needs people:write, like the import.
    { section: 'register', href: paths.register(), label: t('nav.register'), show: !session.claims || hasRole(session.claims, 'caseworker') },
    { section: 'follow-up', href: paths.followUp(), label: t('nav.followUp'), show: staff },
    // importPeople needs people:write, which caseworkers (and admins) hold.
    { section: 'import', href: paths.import(), label: t('nav.import'), show: !session.claims || hasRole(session.claims, 'caseworker') },
  ];
  const other = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="top">
        <p className="brand">{t('common.brand')}</p>
        <nav aria-label={t('nav.main')}>
          <ul>
            {items
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={section === item.section ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <button type="button" className="language" lang={other} aria-label={t('common.switchLanguageLabel')} onClick={() => setLanguage(other)}>
          {t('common.switchLanguage')}
        </button>
      </header>
      {session.claims ? (
        <div className="session-bar">
          <SignedInAs />
        </div>
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        <Screen key={key} route={route} />
      </main>
    </>
  );
}
