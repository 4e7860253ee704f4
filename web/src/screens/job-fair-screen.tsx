import { useState } from 'react';
import { JobFairDocument } from '../generated/graphql';
import { Empty, ErrorList, formatCount, formatShare, formatYuan, Link, Loading, Pager, regionNames } from '../components';
import { FunnelChart } from '../charts/funnel-chart';
import { ShareBar } from '../charts/share-bar';
import { paths } from '../routes';
import { useOperation } from '../use-operation';

/** The API gives a fair's employers and postings whole (a fair has at most a few hundred): paged here. */
const POSTINGS_PER_PAGE = 20;
const EMPLOYERS_SHOWN = 30;

export function JobFairScreen({ id }: { id: string }) {
  const result = useOperation(JobFairDocument, { id });
  const [postingPage, setPostingPage] = useState(1);
  const [allEmployers, setAllEmployers] = useState(false);
  if (result.status === 'loading') return <Loading what="the job fair" />;
  const fair = result.data?.recruitmentEvent;
  if (!fair) {
    return (
      <>
        <h1>Job fair</h1>
        {result.errors.length > 0 ? <ErrorList errors={result.errors} onRetry={result.reload} /> : <Empty>There is no job fair with id “{id}”.</Empty>}
      </>
    );
  }
  const s = fair.statistics;
  const venue = [fair.venue.province, fair.venue.city, fair.venue.name].filter((part, i, all) => part && all.indexOf(part) === i).join(' ');
  return (
    <>
      <p className="breadcrumbs">
        <Link href={paths.programs()}>Programs</Link> › <Link href={paths.program(fair.program.id)}>{fair.program.name}</Link> ›
      </p>
      <h1>{fair.name}</h1>
      <dl className="facts">
        <div>
          <dt>Date</dt>
          <dd>
            <time dateTime={fair.heldOn}>{fair.heldOn}</time>
          </dd>
        </div>
        <div>
          <dt>Venue</dt>
          <dd>
            {venue} <span className="muted">({fair.venue.nameEn})</span>
          </dd>
        </div>
        <div>
          <dt>Attendance</dt>
          <dd>{fair.attendance == null ? 'not recorded' : formatCount(fair.attendance)}</dd>
        </div>
      </dl>
      <ErrorList errors={result.errors} />

      <section aria-labelledby="statistics-heading">
        <h2 id="statistics-heading">Statistics</h2>
        <dl className="figures big" aria-label="Fair statistics">
          <div>
            <dt>Employers</dt>
            <dd data-figure="employers">{formatCount(s.employers)}</dd>
          </div>
          <div>
            <dt>Positions offered</dt>
            <dd data-figure="positions">{formatCount(s.positionsOffered)}</dd>
          </div>
          <div>
            <dt>Employment intentions</dt>
            <dd data-figure="intentions">{formatCount(s.intentions)}</dd>
          </div>
          <div>
            <dt>of them registered poor</dt>
            <dd data-figure="registered-poor">{formatCount(s.registeredPoorIntentions)}</dd>
          </div>
        </dl>
        <ShareBar part={s.registeredPoorIntentions} whole={s.intentions} label="Intentions of registered-poor people" />
        <FunnelChart figures={s} title="Placement funnel of the fair" />
        <p className="note">
          Registered-poor share {formatShare(s.registeredPoorIntentions, s.intentions)} · average wage uplift{' '}
          {s.averageMonthlyWageUpliftYuan == null ? '— (no hires recorded)' : `${formatYuan(s.averageMonthlyWageUpliftYuan)}/month`}
        </p>
      </section>

      <section aria-labelledby="employers-heading">
        <h2 id="employers-heading">Participating employers</h2>
        {fair.participatingEmployers.length === 0 ? (
          <Empty>No employer is recorded for this fair; its figures come from the organisers' report.</Empty>
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
                {allEmployers ? 'Show fewer employers' : `Show all ${formatCount(fair.participatingEmployers.length)} employers`}
              </button>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="postings-heading">
        <h2 id="postings-heading">Offered postings</h2>
        {fair.offeredPostings.length === 0 ? (
          <Empty>No posting is recorded for this fair.</Empty>
        ) : (
          <>
            <table>
              <caption>
                Postings offered at the fair ({formatCount(fair.offeredPostings.length)}; {(postingPage - 1) * POSTINGS_PER_PAGE + 1}–
                {Math.min(postingPage * POSTINGS_PER_PAGE, fair.offeredPostings.length)} shown)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Position</th>
                  <th scope="col">Employer</th>
                  <th scope="col">Monthly wage</th>
                  <th scope="col">Open / places</th>
                  <th scope="col">Workplace</th>
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
            {fair.offeredPostings.length > POSTINGS_PER_PAGE ? (
              <Pager
                label="Postings"
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
