import { useEffect, useRef } from 'react';
import { Link } from './components';
import { paths, useRoute, type Route } from './routes';
import { JobFairScreen } from './screens/job-fair-screen';
import { PeopleScreen } from './screens/people-screen';
import { PersonScreen } from './screens/person-screen';
import { ProgramScreen } from './screens/program-screen';
import { ProgramsScreen } from './screens/programs-screen';

function Screen({ route }: { route: Route }) {
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
    case 'not-found':
      return (
        <>
          <h1>Page not found</h1>
          <p>
            This address is not a page of the app. <Link href={paths.programs()}>Go to the programs</Link>.
          </p>
        </>
      );
  }
}

export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const key = route.screen === 'program' || route.screen === 'fair' || route.screen === 'person' ? `${route.screen}:${route.id}` : route.screen;
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
  const section = route.screen === 'people' || route.screen === 'person' ? 'people' : 'programs';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="brand">Labor cooperation · 劳务协作</p>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href={paths.programs()} aria-current={section === 'programs' ? 'page' : undefined}>
                Programs
              </Link>
            </li>
            <li>
              <Link href={paths.people()} aria-current={section === 'people' ? 'page' : undefined}>
                People (caseworkers)
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Screen key={key} route={route} />
      </main>
    </>
  );
}
