import { PersonDetailDocument, type PlacementCardFragment } from '../generated/graphql';
import { Empty, ErrorList, Link, Loading } from '../components';
import { paths } from '../routes';
import { useSession } from '../session';
import { useOperation } from '../use-operation';
import { PlacementCard } from './placement-card';
import { SignedInAs } from './signed-in-as';
import { SignIn } from './sign-in';

/** The people subgraph masks what the caller may not see whole, e.g. 500230************ (the county only). */
const isMasked = (value: string) => value.includes('*');

function PersonalDatum({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className="personal-data">{value}</span>
        {isMasked(value) ? (
          <span className="badge" title="Shown whole only to caseworkers and officers of the person's hometown province">
            masked: not one of your provinces
          </span>
        ) : null}
      </dd>
    </div>
  );
}

export function PersonScreen({ id }: { id: string }) {
  const session = useSession();
  return (
    <>
      <p className="breadcrumbs">
        <Link href={paths.people()}>People</Link> ›
      </p>
      {session.token ? (
        <Person id={id} token={session.token} />
      ) : (
        <>
          <h1>Person</h1>
          <SignIn />
        </>
      )}
    </>
  );
}

function Person({ id, token }: { id: string; token: string }) {
  const result = useOperation(PersonDetailDocument, { id }, { token });
  if (result.status === 'loading') return <Loading what="the person" />;
  const person = result.data?.person;
  if (!person) {
    return (
      <>
        <h1>Person</h1>
        <SignedInAs />
        {result.errors.length > 0 ? <ErrorList errors={result.errors} onRetry={result.reload} /> : <Empty>There is no person with id “{id}”.</Empty>}
      </>
    );
  }
  return (
    <>
      <h1>{person.name}</h1>
      <SignedInAs />
      <ErrorList errors={result.errors} />
      <section aria-labelledby="personal-heading">
        <h2 id="personal-heading">Personal data</h2>
        <dl className="facts">
          <PersonalDatum label="Resident ID number" value={person.idNumber} />
          <PersonalDatum label="Phone" value={person.phone} />
          <div>
            <dt>Hometown</dt>
            <dd>
              {person.hometown.name}, {person.hometown.province} <span className="muted">({person.hometown.code})</span>
            </dd>
          </div>
          <div>
            <dt>Born</dt>
            <dd>
              {person.birthYear} · {person.gender.toLowerCase()}
            </dd>
          </div>
          <div>
            <dt>Registered poor</dt>
            <dd>{person.povertyRegistered ? 'yes (建档立卡)' : 'no'}</dd>
          </div>
          <div>
            <dt>Skills</dt>
            <dd>{person.skills.join(', ') || 'none recorded'}</dd>
          </div>
          <div>
            <dt>Employment</dt>
            <dd>{person.employmentStatus.toLowerCase().replaceAll('_', ' ')}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="registrations-heading">
        <h2 id="registrations-heading">Employment registrations</h2>
        {person.employmentRegistrations.length === 0 ? (
          <Empty>No employment registration.</Empty>
        ) : (
          <ul className="list">
            {person.employmentRegistrations.map((r) => (
              <li key={r.id}>
                {r.employerName}, {r.workplace.name} ({r.workplace.province}) — from {r.startDate}
                {r.endDate ? ` to ${r.endDate}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="placements-heading">
        <h2 id="placements-heading">Placements</h2>
        {person.placements == null ? (
          <p className="note">The programs service did not answer; placements cannot be shown right now.</p>
        ) : person.placements.length === 0 ? (
          <Empty>No placement: this person has reached no employment intention yet.</Empty>
        ) : (
          <ul className="placements">
            {person.placements.map((placement: PlacementCardFragment) => (
              <li key={placement.id}>
                <PlacementCard placement={placement} token={token} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
