import { useState } from 'react';
import { JobFairDocument } from '../generated/graphql';
import { Empty, ErrorList, formatCount, formatShare, formatYuan, Link, Loading, Pager, regionNames, TableWrap } from '../components';
import { FunnelChart } from '../charts/funnel-chart';
import { ShareBar } from '../charts/share-bar';
import { paths } from '../routes';
import { useOperation } from '../use-operation';
import { formatDate, useTranslation } from '../i18n';
import { hasRole, useSession } from '../session';
import { RecordIntention } from './record-intention';

/** The API gives a fair's employers and postings whole (a fair has at most a few hundred): paged here. */
const POSTINGS_PER_PAGE = 20;
const EMPLOYERS_SHOWN = 30;

export function JobFairScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const result = useOperation(JobFairDocument, { id });
  const [postingPage, setPostingPage] = useState(1);
  const [allEmployers, setAllEmployers] = useState(false);
  const session = useSession();
  if (result.status === 'loading') return <Loading what={t('fair.loadingWhat')} />;
  const fair = result.data?.recruitmentEvent;
  if (!fair) {
    return (
      <>
        <h1>{t('program.fairs')}</h1>
        {result.errors.length > 0 ? <ErrorList errors={result.errors} onRetry={result.reload} /> : <Empty>{t('fair.notFound', { id })}</Empty>}
      </>
    );
  }
  const s = fair.statistics;
  const venue = [fair.venue.province, fair.venue.city, fair.venue.name].filter((part, i, all) => part && all.indexOf(part) === i).join(' ');
  return (
    <>
      <p className="breadcrumbs">
        <Link href={paths.programs()}>{t('program.breadcrumb')}</Link> › <Link href={paths.program(fair.program.id)}>{fair.program.name}</Link> ›
      </p>
      <h1>{fair.name}</h1>
      <dl className="facts">
        <div>
          <dt>{t('fair.date')}</dt>
          <dd>
            <time dateTime={fair.heldOn}>{formatDate(fair.heldOn)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('fair.venue')}</dt>
          <dd>
            {venue} {i18n.language === 'en' ? <span className="muted">({fair.venue.nameEn})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('fair.attendance')}</dt>
          <dd>{fair.attendance == null ? t('fair.notRecorded') : formatCount(fair.attendance)}</dd>
        </div>
      </dl>
      <ErrorList errors={result.errors} />

      <section aria-labelledby="statistics-heading">
        <h2 id="statistics-heading">{t('fair.statistics')}</h2>
        <dl className="figures big" aria-label={t('fair.statistics')}>
          <div>
            <dt>{t('fair.employers')}</dt>
            <dd data-figure="employers">{formatCount(s.employers)}</dd>
          </div>
          <div>
            <dt>{t('fair.positions')}</dt>
            <dd data-figure="positions">{formatCount(s.positionsOffered)}</dd>
          </div>
          <div>
            <dt>{t('fair.intentions')}</dt>
            <dd data-figure="intentions">{formatCount(s.intentions)}</dd>
          </div>
          <div>
            <dt>{t('fair.registeredPoor')}</dt>
            <dd data-figure="registered-poor">{formatCount(s.registeredPoorIntentions)}</dd>
          </div>
        </dl>
        <ShareBar part={s.registeredPoorIntentions} whole={s.intentions} label={t('program.poorShareLabel')} />
        <FunnelChart figures={s} title={t('funnel.title')} />
        <p className="note">
          {t('programs.poorShare')} {formatShare(s.registeredPoorIntentions, s.intentions)} · {t('fair.uplift')}{' '}
          {s.averageMonthlyWageUpliftYuan == null ? t('program.noHires') : t('common.perMonth', { amount: formatYuan(s.averageMonthlyWageUpliftYuan) })}
        </p>
      </section>

      {session.token && hasRole(session.claims, 'caseworker', 'program_officer') ? <RecordIntention fair={fair} token={session.token} /> : null}

      <section aria-labelledby="employers-heading">
        <h2 id="employers-heading">{t('fair.participatingEmployers')}</h2>
        {fair.participatingEmployers.length === 0 ? (
          <Empty>{t('fair.noEmployers')}</Empty>
        ) : (
          <>
            <ul className="list columns">
              {(allEmployers ? fair.participatingEmployers : fair.participatingEmployers.slice(0, EMPLOYERS_SHOWN)).map((e) => (
                <li key={e.id}>
                  {e.name} <span className="muted">— {regionNames([e.region])}</span>
                </li>
              ))}
            </ul>
            {fair.participatingEmployers.length > EMPLOYERS_SHOWN ? (
              <button type="button" aria-expanded={allEmployers} onClick={() => setAllEmployers(!allEmployers)}>
                {allEmployers ? t('fair.fewerEmployers') : t('fair.allEmployers', { count: formatCount(fair.participatingEmployers.length) })}
              </button>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="postings-heading">
        <h2 id="postings-heading">{t('fair.offeredPostings')}</h2>
        {fair.offeredPostings.length === 0 ? (
          <Empty>{t('fair.noPostings')}</Empty>
        ) : (
          <>
            <TableWrap label={t('common.scrollTable')}>
              <table>
                <caption>
                  {t('fair.postingsCaption', {
                    count: formatCount(fair.offeredPostings.length),
                    from: (postingPage - 1) * POSTINGS_PER_PAGE + 1,
                    to: Math.min(postingPage * POSTINGS_PER_PAGE, fair.offeredPostings.length),
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fair.title')}</th>
                    <th scope="col">{t('fair.employer')}</th>
                    <th scope="col">{t('fair.wage')}</th>
                    <th scope="col">{t('fair.openings')}</th>
                    <th scope="col">{t('fair.workplace')}</th>
                  </tr>
                </thead>
                <tbody>
                  {fair.offeredPostings.slice((postingPage - 1) * POSTINGS_PER_PAGE, postingPage * POSTINGS_PER_PAGE).map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.title}</th>
                      <td>{p.employer.name}</td>
                      <td>
                        {formatYuan(p.monthlyWageMinYuan)}–{formatYuan(p.monthlyWageMaxYuan)}
                      </td>
                      <td>
                        {formatCount(p.openings)} / {formatCount(p.headcount)}
                      </td>
                      <td>{regionNames([p.workplace])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {fair.offeredPostings.length > POSTINGS_PER_PAGE ? (
              <Pager
                label={t('fair.offeredPostings')}
                pageNumber={postingPage}
                hasNextPage={postingPage * POSTINGS_PER_PAGE < fair.offeredPostings.length}
                onPrevious={() => setPostingPage((n) => Math.max(1, n - 1))}
                onNext={() => setPostingPage((n) => n + 1)}
              />
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
