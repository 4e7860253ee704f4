import { useId, type FormEvent } from 'react';
import { PeopleSearchDocument, PersonByIdNumberDocument, type EmploymentStatus, type PeopleFilter } from '../generated/graphql';
import { Empty, ErrorList, FieldErrors, Link, Loading, Pager, ProvinceField, TableWrap } from '../components';
import { useTranslation } from '../i18n';
import { navigate, paths } from '../routes';
import { useSession } from '../session';
import { useCursorPages, useOperation } from '../use-operation';
import { SignIn } from './sign-in';

const PAGE_SIZE = 20;
/** With a name, the page is the most the API gives at once: the name is matched within it (there is no name index). */
const NAME_PAGE_SIZE = 100;
const STATUSES: readonly EmploymentStatus[] = ['SEEKING_WORK', 'EMPLOYED', 'NOT_SEEKING_WORK'];
const ID_NUMBER = /^\d{17}[\dX]$/;

function filterOf(search: URLSearchParams): PeopleFilter {
  const status = search.get('status');
  return {
    ...(search.get('province') ? { hometownProvinceCode: search.get('province') } : {}),
    ...(search.get('county') ? { hometownCountyCode: search.get('county') } : {}),
    ...(search.get('skill') ? { skill: search.get('skill') } : {}),
    ...(search.get('poor') === 'yes' ? { povertyRegistered: true } : {}),
    ...(status && (STATUSES as readonly string[]).includes(status) ? { employmentStatus: status as EmploymentStatus } : {}),
  };
}

export function PeopleScreen({ search }: { search: URLSearchParams }) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <h1>{t('people.title')}</h1>
      {session.token ? <PeopleSearch search={search} token={session.token} /> : <SignIn />}
    </>
  );
}

interface Row {
  readonly id: string;
  readonly name: string;
  readonly hometown: { readonly code: string; readonly name: string; readonly province: string };
  readonly povertyRegistered: boolean;
  readonly employmentStatus: EmploymentStatus;
}

function PeopleTable({ rows }: { rows: readonly Row[] }) {
  const { t } = useTranslation();
  return (
    <TableWrap label={t('common.scrollTable')}>
      <table>
        <caption>{t('people.found')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('people.name')}</th>
            <th scope="col">{t('people.hometown')}</th>
            <th scope="col">{t('people.registeredPoor')}</th>
            <th scope="col">{t('people.employment')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                <Link href={paths.person(person.id)}>{person.name}</Link>
              </th>
              <td>
                {person.hometown.name} <span className="muted">（{person.hometown.province}）</span>
              </td>
              <td>{person.povertyRegistered ? t('common.yes') : t('common.no')}</td>
              <td>{t(`employmentStatus.${person.employmentStatus}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function PeopleSearch({ search, token }: { search: URLSearchParams; token: string }) {
  const { t } = useTranslation();
  const idNumber = (search.get('id') ?? '').toUpperCase();
  const name = search.get('name') ?? '';
  const pages = useCursorPages(search.toString());
  const byId = ID_NUMBER.test(idNumber);
  const list = useOperation(
    PeopleSearchDocument,
    { filter: filterOf(search), first: name ? NAME_PAGE_SIZE : PAGE_SIZE, after: pages.after },
    { token, skip: byId },
  );
  const one = useOperation(PersonByIdNumberDocument, { idNumber }, { token, skip: !byId });
  const ids = {
    name: useId(),
    id: useId(),
    idError: useId(),
    province: useId(),
    county: useId(),
    countyHelp: useId(),
    status: useId(),
    skill: useId(),
    poor: useId(),
  };
  const idProblem = idNumber && !byId ? t('people.idNumberInvalid') : null;
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const field of ['name', 'id', 'province', 'county', 'status', 'skill', 'poor']) {
      const value = String(form.get(field) ?? '').trim();
      if (value) next.set(field, value);
    }
    navigate(paths.people(next));
  };
  const result = byId ? one : list;
  let rows: readonly Row[] | null = null;
  if (byId && one.status === 'done' && one.data) rows = one.data.personByIdNumber ? [one.data.personByIdNumber] : [];
  if (!byId && list.status === 'done' && list.data) rows = list.data.people.edges.map((e) => e.node).filter((p) => !name || p.name.includes(name));
  return (
    <>
      <form className="filters" onSubmit={apply} aria-label={t('people.find')} key={search.toString()} noValidate>
        <div className="field">
          <label htmlFor={ids.name}>{t('people.name')}</label>
          <input id={ids.name} name="name" defaultValue={name} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={ids.id}>{t('people.idNumber')}</label>
          <input
            id={ids.id}
            name="id"
            defaultValue={idNumber}
            autoComplete="off"
            inputMode="text"
            maxLength={18}
            aria-invalid={idProblem ? true : undefined}
            aria-describedby={idProblem ? ids.idError : undefined}
          />
          <FieldErrors id={ids.idError} errors={idProblem ? [{ message: idProblem }] : []} />
        </div>
        <ProvinceField id={ids.province} name="province" label={t('people.province')} defaultValue={search.get('province') ?? ''} />
        <div className="field">
          <label htmlFor={ids.county}>{t('people.county')}</label>
          <input id={ids.county} name="county" defaultValue={search.get('county') ?? ''} inputMode="numeric" maxLength={6} aria-describedby={ids.countyHelp} />
          <p id={ids.countyHelp} className="help">
            {t('people.countyHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('people.status')}</label>
          <select id={ids.status} name="status" defaultValue={search.get('status') ?? ''}>
            <option value="">{t('people.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`employmentStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.skill}>{t('people.skill')}</label>
          <input id={ids.skill} name="skill" defaultValue={search.get('skill') ?? ''} placeholder={t('people.skillPlaceholder')} />
        </div>
        <div className="field checkbox">
          <input id={ids.poor} name="poor" type="checkbox" value="yes" defaultChecked={search.get('poor') === 'yes'} />
          <label htmlFor={ids.poor}>{t('people.poorOnly')}</label>
        </div>
        <div className="actions">
          <button type="submit">{t('people.search')}</button>
        </div>
      </form>
      {name ? <p className="note">{t('people.nameFilterNote')}</p> : null}
      {idProblem ? null : result.status === 'loading' ? (
        <Loading what={t('people.loadingWhat')} />
      ) : rows === null ? (
        <ErrorList errors={result.errors} onRetry={result.reload} />
      ) : rows.length === 0 ? (
        <Empty>{t('people.empty')}</Empty>
      ) : (
        <>
          <ErrorList errors={result.errors} />
          <PeopleTable rows={rows} />
          {!byId && list.status === 'done' && list.data ? (
            <Pager
              label={t('people.pagerLabel')}
              pageNumber={pages.pageNumber}
              hasNextPage={list.data.people.pageInfo.hasNextPage}
              onPrevious={pages.previous}
              onNext={() => list.status === 'done' && list.data?.people.pageInfo.endCursor && pages.next(list.data.people.pageInfo.endCursor)}
            />
          ) : null}
        </>
      )}
    </>
  );
}
