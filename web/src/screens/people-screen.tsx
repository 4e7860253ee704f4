import { useId, type FormEvent } from 'react';
import { PeopleSearchDocument, type PeopleFilter } from '../generated/graphql';
import { Empty, ErrorList, Link, Loading, Pager, ProvinceField } from '../components';
import { navigate, paths } from '../routes';
import { useSession } from '../session';
import { useCursorPages, useOperation } from '../use-operation';
import { SignedInAs } from './signed-in-as';
import { SignIn } from './sign-in';

const PAGE_SIZE = 20;

function filterOf(search: URLSearchParams): PeopleFilter {
  return {
    ...(search.get('province') ? { hometownProvinceCode: search.get('province') } : {}),
    ...(search.get('skill') ? { skill: search.get('skill') } : {}),
    ...(search.get('poor') === 'yes' ? { povertyRegistered: true } : {}),
  };
}

export function PeopleScreen({ search }: { search: URLSearchParams }) {
  const session = useSession();
  return (
    <>
      <h1>People</h1>
      {session.token ? (
        <>
          <SignedInAs />
          <PeopleSearch search={search} token={session.token} />
        </>
      ) : (
        <SignIn />
      )}
    </>
  );
}

function PeopleSearch({ search, token }: { search: URLSearchParams; token: string }) {
  const pages = useCursorPages(search.toString());
  const result = useOperation(PeopleSearchDocument, { filter: filterOf(search), first: PAGE_SIZE, after: pages.after }, { token });
  const ids = { province: useId(), skill: useId(), poor: useId() };
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['province', 'skill', 'poor']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    navigate(paths.people(next));
  };
  return (
    <>
      <form className="filters" onSubmit={apply} aria-label="Find people" key={search.toString()}>
        <ProvinceField id={ids.province} name="province" label="Hometown province" defaultValue={search.get('province') ?? ''} />
        <div className="field">
          <label htmlFor={ids.skill}>Skill</label>
          <input id={ids.skill} name="skill" defaultValue={search.get('skill') ?? ''} placeholder="e.g. 焊工" />
        </div>
        <div className="field checkbox">
          <input id={ids.poor} name="poor" type="checkbox" value="yes" defaultChecked={search.get('poor') === 'yes'} />
          <label htmlFor={ids.poor}>Registered poor only</label>
        </div>
        <div className="actions">
          <button type="submit">Search</button>
        </div>
      </form>
      {result.status === 'loading' ? (
        <Loading what="people" />
      ) : !result.data ? (
        <ErrorList errors={result.errors} onRetry={result.reload} />
      ) : result.data.people.edges.length === 0 ? (
        <Empty>Nobody matches this search.</Empty>
      ) : (
        <>
          <ErrorList errors={result.errors} />
          <table>
            <caption>People found</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Hometown</th>
                <th scope="col">Registered poor</th>
                <th scope="col">Employment</th>
              </tr>
            </thead>
            <tbody>
              {result.data.people.edges.map(({ node: person }) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link href={paths.person(person.id)}>{person.name}</Link>
                  </th>
                  <td>
                    {person.hometown.name} <span className="muted">({person.hometown.province})</span>
                  </td>
                  <td>{person.povertyRegistered ? 'yes' : 'no'}</td>
                  <td>{person.employmentStatus.toLowerCase().replaceAll('_', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            label="People"
            pageNumber={pages.pageNumber}
            hasNextPage={result.data.people.pageInfo.hasNextPage}
            onPrevious={pages.previous}
            onNext={() => result.data?.people.pageInfo.endCursor && pages.next(result.data.people.pageInfo.endCursor)}
          />
        </>
      )}
    </>
  );
}
