import { PersonDetailDocument, type PlacementCardFragment } from '../generated/graphql';
import type { ApiError } from '../graphql-client';
import { Empty, ErrorList, formatDate, formatYuan, Link, Loading, TableWrap } from '../components';
import { useTranslation } from '../i18n';
import { paths } from '../routes';
import { useSession } from '../session';
import { useOperation } from '../use-operation';
import { PlacementCard } from './placement-card';
import { SignIn } from './sign-in';

/** The people subgraph masks what the caller may not see whole, e.g. 500230************ (the county only). */
const isMasked = (value: string) => value.includes('*');

function PersonalDatum({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className="personal-data">{value}</span>
        {isMasked(value) ? (
          <span className="badge" title={t('person.maskedTitle')}>
            {t('person.masked')}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

export function PersonScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <p className="breadcrumbs">
        <Link href={paths.people()}>{t('person.breadcrumb')}</Link> ›
      </p>
      {session.token ? (
        <Person id={id} token={session.token} />
      ) : (
        <>
          <h1>{t('person.fallbackTitle')}</h1>
          <SignIn />
        </>
      )}
    </>
  );
}

function Person({ id, token }: { id: string; token: string }) {
  const { t } = useTranslation();
  const result = useOperation(PersonDetailDocument, { id }, { token });
  if (result.status === 'loading') return <Loading what={t('person.loadingWhat')} />;
  const person = result.data?.person;
  if (!person) {
    return (
      <>
        <h1>{t('person.fallbackTitle')}</h1>
        {result.errors.length > 0 ? <ErrorList errors={result.errors} onRetry={result.reload} /> : <Empty>{t('person.notFound', { id })}</Empty>}
      </>
    );
  }
  // A partner province's subgraph that is down leaves its field null: said in its section, not as a page error.
  const isShanxiError = (e: ApiError) => e.service === 'shanxi' || (e.path?.includes('shanxiLaborContracts') ?? false);
  const pageErrors = result.errors.filter((e) => !isShanxiError(e));
  const shanxiDown = result.errors.some(isShanxiError);
  return (
    <>
      <h1>{person.name}</h1>
      <ErrorList errors={pageErrors} />
      <section aria-labelledby="personal-heading">
        <h2 id="personal-heading">{t('person.personal')}</h2>
        <dl className="facts">
          <PersonalDatum label={t('person.idNumber')} value={person.idNumber} />
          <PersonalDatum label={t('person.phone')} value={person.phone} />
          <div>
            <dt>{t('person.hometown')}</dt>
            <dd>
              {person.hometown.province} {person.hometown.name} <span className="muted">（{person.hometown.code}）</span>
            </dd>
          </div>
          <div>
            <dt>{t('person.born')}</dt>
            <dd>
              {person.birthYear} · {t(`gender.${person.gender}`)}
            </dd>
          </div>
          <div>
            <dt>{t('person.registeredPoor')}</dt>
            <dd>{person.povertyRegistered ? t('person.registeredPoorYes') : t('common.no')}</dd>
          </div>
          <div>
            <dt>{t('person.skills')}</dt>
            <dd>{person.skills.join('、') || t('person.noSkills')}</dd>
          </div>
          <div>
            <dt>{t('person.employment')}</dt>
            <dd>{t(`employmentStatus.${person.employmentStatus}`)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="household-heading">
        <h2 id="household-heading">{t('person.household')}</h2>
        {person.household ? (
          <>
            <p>
              {t('person.householdLine', {
                region: `${person.household.region.province} ${person.household.region.name}`,
                status: t(`povertyStatus.${person.household.povertyStatus}`),
                count: person.household.members.length,
              })}
            </p>
            <ul className="list inline">
              {person.household.members.map((m) => (
                <li key={m.id}>{m.id === person.id ? <strong>{m.name}</strong> : <Link href={paths.person(m.id)}>{m.name}</Link>}</li>
              ))}
            </ul>
          </>
        ) : (
          <Empty>{t('person.noHousehold')}</Empty>
        )}
      </section>

      <section aria-labelledby="intention-heading">
        <h2 id="intention-heading">{t('person.intention')}</h2>
        {person.jobIntention ? (
          <dl className="facts">
            <div>
              <dt>{t('person.occupations')}</dt>
              <dd>{person.jobIntention.occupations.join('、') || '—'}</dd>
            </div>
            <div>
              <dt>{t('person.destinations')}</dt>
              <dd>{person.jobIntention.destinationProvinces.map((p) => p.name).join('、') || '—'}</dd>
            </div>
            <div>
              <dt>{t('person.minimumWage')}</dt>
              <dd>
                {person.jobIntention.minimumMonthlyWageYuan == null
                  ? '—'
                  : t('common.perMonth', { amount: formatYuan(person.jobIntention.minimumMonthlyWageYuan) })}
              </dd>
            </div>
          </dl>
        ) : (
          <Empty>{t('person.noIntention')}</Empty>
        )}
      </section>

      <section aria-labelledby="recommended-heading">
        <h2 id="recommended-heading">{t('person.recommended')}</h2>
        {person.recommendedPostings.length === 0 ? (
          <Empty>{t('person.noRecommended')}</Empty>
        ) : (
          <TableWrap label={t('common.scrollTable')}>
            <table>
              <caption>{t('person.recommendedCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fair.title')}</th>
                  <th scope="col">{t('fair.employer')}</th>
                  <th scope="col">{t('fair.wage')}</th>
                  <th scope="col">{t('fair.workplace')}</th>
                  <th scope="col">{t('person.match')}</th>
                  <th scope="col">{t('person.uplift')}</th>
                </tr>
              </thead>
              <tbody>
                {person.recommendedPostings.map((r) => (
                  <tr key={r.posting.id}>
                    <th scope="row">{r.posting.title}</th>
                    <td>{r.posting.employer.name}</td>
                    <td>
                      {formatYuan(r.posting.monthlyWageMinYuan)}–{formatYuan(r.posting.monthlyWageMaxYuan)}
                    </td>
                    <td>
                      {r.posting.workplace.province} {r.posting.workplace.name}
                    </td>
                    <td>{t(`occupationMatch.${r.occupationMatch}`)}</td>
                    <td>{r.monthlyWageUpliftYuan == null ? '—' : formatYuan(r.monthlyWageUpliftYuan)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section aria-labelledby="registrations-heading">
        <h2 id="registrations-heading">{t('person.registrations')}</h2>
        {person.employmentRegistrations.length === 0 ? (
          <Empty>{t('person.noRegistrations')}</Empty>
        ) : (
          <ul className="list">
            {person.employmentRegistrations.map((r) => (
              <li key={r.id}>
                {t('person.registrationLine', {
                  employer: r.employerName,
                  workplace: `${r.workplace.province} ${r.workplace.name}`,
                  from: formatDate(r.startDate),
                  to: r.endDate ? t('person.registrationTo', { date: formatDate(r.endDate) }) : '',
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="placements-heading">
        <h2 id="placements-heading">{t('person.placements')}</h2>
        {person.placements == null ? (
          <p className="note">{t('person.placementsUnavailable')}</p>
        ) : person.placements.length === 0 ? (
          <Empty>{t('person.noPlacements')}</Empty>
        ) : (
          <ul className="placements">
            {person.placements.map((placement: PlacementCardFragment) => (
              <li key={placement.id}>
                <PlacementCard placement={placement} personId={person.id} token={token} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="shanxi-heading">
        <h2 id="shanxi-heading">{t('person.shanxi')}</h2>
        {shanxiDown || person.shanxiLaborContracts == null ? (
          <p className="note">{t('person.shanxiUnavailable')}</p>
        ) : person.shanxiLaborContracts.length === 0 ? (
          <Empty>{t('person.noShanxi')}</Empty>
        ) : (
          <ul className="list">
            {person.shanxiLaborContracts.map((c) => (
              <li key={c.id}>
                {t('person.shanxiLine', {
                  company: c.company.name,
                  employer: c.placedWithEmployerName,
                  workplace: `${c.workplace.province} ${c.workplace.name}`,
                  from: formatDate(c.startDate),
                  pay: formatYuan(c.monthlyPayYuan),
                })}
                {c.insurance.length > 0 ? `；${t('person.insurance', { kinds: c.insurance.map((i) => t(`insuranceKind.${i.kind}`)).join('、') })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
