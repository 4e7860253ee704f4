import { useId, type FormEvent } from 'react';
import { RetentionFollowUpsDocument } from '../generated/graphql';
import { Empty, ErrorList, FieldErrors, formatDate, Link, Loading, Pager, TableWrap } from '../components';
import { useTranslation } from '../i18n';
import { navigate, paths } from '../routes';
import { useSession } from '../session';
import { useCursorPages, useOperation } from '../use-operation';
import { SignIn } from './sign-in';

const PAGE_SIZE = 50;
const COUNTY = /^\d{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 稳岗回访: a county's placements waiting for their 3/6/12-month retention check after HIRED, the
 * longest overdue first; each row links to the person, where the check is recorded.
 */
export function FollowUpScreen({ search }: { search: URLSearchParams }) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      <h1>{t('followUp.title')}</h1>
      <p>{t('followUp.intro')}</p>
      {session.token ? <FollowUps search={search} token={session.token} /> : <SignIn />}
    </>
  );
}

function FollowUps({ search, token }: { search: URLSearchParams; token: string }) {
  const { t } = useTranslation();
  const ids = { county: useId(), countyHelp: useId(), countyError: useId(), asOf: useId(), dueBy: useId(), dueByHelp: useId() };
  const county = search.get('county') ?? '';
  const asOf = search.get('asOf') ?? '';
  const dueBy = search.get('dueBy') ?? '';
  const pages = useCursorPages(search.toString());
  const countyProblem = county && !COUNTY.test(county) ? t('followUp.countyInvalid') : null;
  const ready = COUNTY.test(county);
  const list = useOperation(
    RetentionFollowUpsDocument,
    {
      countyCode: county,
      ...(DATE.test(asOf) ? { asOf } : {}),
      ...(DATE.test(dueBy) ? { dueBy } : {}),
      first: PAGE_SIZE,
      after: pages.after,
    },
    { token, skip: !ready },
  );
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const field of ['county', 'asOf', 'dueBy']) {
      const value = String(form.get(field) ?? '').trim();
      if (value) next.set(field, value);
    }
    navigate(paths.followUp(next));
  };
  const rows = list.status === 'done' && list.data ? list.data.retentionFollowUps.edges.map((e) => e.node) : null;
  const overdue = rows?.filter((r) => r.overdue).length ?? 0;
  return (
    <>
      <form className="filters" onSubmit={apply} aria-label={t('followUp.find')} key={search.toString()} noValidate>
        <div className="field">
          <label htmlFor={ids.county}>{t('followUp.county')}</label>
          <input
            id={ids.county}
            name="county"
            defaultValue={county}
            inputMode="numeric"
            maxLength={6}
            aria-invalid={countyProblem ? true : undefined}
            aria-describedby={countyProblem ? `${ids.countyHelp} ${ids.countyError}` : ids.countyHelp}
          />
          <p id={ids.countyHelp} className="help">
            {t('followUp.countyHelp')}
          </p>
          <FieldErrors id={ids.countyError} errors={countyProblem ? [{ message: countyProblem }] : []} />
        </div>
        <div className="field">
          <label htmlFor={ids.asOf}>{t('followUp.asOf')}</label>
          <input id={ids.asOf} name="asOf" type="date" defaultValue={asOf} />
        </div>
        <div className="field">
          <label htmlFor={ids.dueBy}>{t('followUp.dueBy')}</label>
          <input id={ids.dueBy} name="dueBy" type="date" defaultValue={dueBy} aria-describedby={ids.dueByHelp} />
          <p id={ids.dueByHelp} className="help">
            {t('followUp.dueByHelp')}
          </p>
        </div>
        <div className="actions">
          <button type="submit">{t('followUp.show')}</button>
        </div>
      </form>
      {!ready ? (
        countyProblem ? null : (
          <Empty>{t('followUp.chooseCounty')}</Empty>
        )
      ) : list.status === 'loading' ? (
        <Loading what={t('followUp.loadingWhat')} />
      ) : rows === null ? (
        <ErrorList errors={list.errors} onRetry={list.reload} />
      ) : rows.length === 0 ? (
        <Empty>{t('followUp.empty')}</Empty>
      ) : (
        <>
          <ErrorList errors={list.errors} />
          <p className="note" data-figure="follow-up-summary">
            {t('followUp.summary', { count: rows.length, overdue })}
          </p>
          <TableWrap label={t('common.scrollTable')}>
            <table>
              <caption>{t('followUp.caption', { county: rows[0]!.placement.sendingCounty.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('followUp.person')}</th>
                  <th scope="col">{t('followUp.check')}</th>
                  <th scope="col">{t('followUp.dueOn')}</th>
                  <th scope="col">{t('followUp.state')}</th>
                  <th scope="col">{t('followUp.posting')}</th>
                  <th scope="col">{t('followUp.phone')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.placement.id} className={row.overdue ? 'overdue' : undefined}>
                    <th scope="row">
                      <Link href={paths.person(row.placement.person.id)}>{row.placement.person.name}</Link>
                    </th>
                    <td>{t(`placementStatus.${row.check}`)}</td>
                    <td>{formatDate(row.dueOn)}</td>
                    <td>
                      {row.overdue ? (
                        <span className="badge warning">{t('followUp.overdue', { days: row.daysOverdue })}</span>
                      ) : (
                        <span className="badge">{t('followUp.due')}</span>
                      )}
                    </td>
                    <td>
                      {row.placement.posting.title} <span className="muted">{row.placement.posting.employer.name}</span>
                    </td>
                    <td className="nowrap">{row.placement.person.phone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager
            label={t('followUp.pagerLabel')}
            pageNumber={pages.pageNumber}
            hasNextPage={list.status === 'done' && !!list.data?.retentionFollowUps.pageInfo.hasNextPage}
            onPrevious={pages.previous}
            onNext={() =>
              list.status === 'done' && list.data?.retentionFollowUps.pageInfo.endCursor && pages.next(list.data.retentionFollowUps.pageInfo.endCursor)
            }
          />
        </>
      )}
    </>
  );
}
