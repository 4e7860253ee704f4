import { ProgramDetailDocument } from '../generated/graphql';
import { Empty, ErrorList, formatCount, formatShare, formatYuan, Link, Loading, Pager, regionNames } from '../components';
import { CountyChart } from '../charts/county-chart';
import { FunnelChart } from '../charts/funnel-chart';
import { ShareBar } from '../charts/share-bar';
import { paths } from '../routes';
import { useCursorPages, useOperation } from '../use-operation';
import { PROGRAM_KINDS } from './programs-screen';

export function ProgramScreen({ id }: { id: string }) {
  const eventPages = useCursorPages(id);
  const result = useOperation(ProgramDetailDocument, { id, eventsAfter: eventPages.after });
  if (result.status === 'loading') return <Loading what="the program" />;
  const program = result.data?.program;
  if (!program) {
    return (
      <>
        <h1>Program</h1>
        {result.errors.length > 0 ? <ErrorList errors={result.errors} onRetry={result.reload} /> : <Empty>There is no program with id “{id}”.</Empty>}
        <p>
          <Link href={paths.programs()}>All programs</Link>
        </p>
      </>
    );
  }
  const s = program.statistics;
  return (
    <>
      <p className="breadcrumbs">
        <Link href={paths.programs()}>Programs</Link> ›
      </p>
      <h1>{program.name}</h1>
      <p className="meta">
        {PROGRAM_KINDS[program.kind]} · {program.organisingDepartment} · {program.startsOn}
        {program.endsOn ? ` – ${program.endsOn}` : ' (open-ended)'}
      </p>
      <p>
        <strong>Sending:</strong> {regionNames(program.sendingRegions)} · <strong>Receiving:</strong> {regionNames(program.receivingRegions)}
      </p>
      <ErrorList errors={result.errors} />

      <section aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">Placement funnel</h2>
        <dl className="figures">
          <div>
            <dt>Employers</dt>
            <dd>{formatCount(s.employers)}</dd>
          </div>
          <div>
            <dt>Positions</dt>
            <dd>{formatCount(s.positionsOffered)}</dd>
          </div>
          <div>
            <dt>Left their job</dt>
            <dd>{formatCount(s.left)}</dd>
          </div>
          <div>
            <dt>Average wage uplift</dt>
            <dd>{s.averageMonthlyWageUpliftYuan == null ? 'no hires yet' : `${formatYuan(s.averageMonthlyWageUpliftYuan)}/month`}</dd>
          </div>
        </dl>
        <FunnelChart figures={s} title="Placement funnel" />
        <ShareBar part={s.registeredPoorIntentions} whole={s.intentions} label="Intentions of registered-poor people" />
        <p className="note">Wage uplift: the agreed monthly wage minus the sending province's 2017 average, averaged over the hires.</p>
      </section>

      <section aria-labelledby="counties-heading">
        <h2 id="counties-heading">By sending county</h2>
        {s.bySendingCounty.length === 0 ? (
          <Empty>No placement has a sending county yet.</Empty>
        ) : (
          <>
            <CountyChart rows={s.bySendingCounty} />
            <table>
              <caption>Placements by sending county</caption>
              <thead>
                <tr>
                  <th scope="col">County</th>
                  <th scope="col">Intentions</th>
                  <th scope="col">Registered poor</th>
                  <th scope="col">Hired</th>
                  <th scope="col">Registered</th>
                  <th scope="col">3 months</th>
                  <th scope="col">6 months</th>
                  <th scope="col">12 months</th>
                  <th scope="col">Left</th>
                </tr>
              </thead>
              <tbody>
                {s.bySendingCounty.map((c) => (
                  <tr key={c.sendingCounty.code}>
                    <th scope="row">
                      {c.sendingCounty.name} <span className="muted">({c.sendingCounty.province})</span>
                    </th>
                    <td>{formatCount(c.intentions)}</td>
                    <td>
                      {formatCount(c.registeredPoorIntentions)} <span className="muted">{formatShare(c.registeredPoorIntentions, c.intentions)}</span>
                    </td>
                    <td>{formatCount(c.hires)}</td>
                    <td>{formatCount(c.registrations)}</td>
                    <td>{formatCount(c.retained3m)}</td>
                    <td>{formatCount(c.retained6m)}</td>
                    <td>{formatCount(c.retained12m)}</td>
                    <td>{formatCount(c.left)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="fairs-heading">
        <h2 id="fairs-heading">Job fairs</h2>
        {program.events.edges.length === 0 ? (
          <Empty>This program has held no job fair yet.</Empty>
        ) : (
          <>
            <ul className="list">
              {program.events.edges.map(({ node: event }) => (
                <li key={event.id}>
                  <Link href={paths.fair(event.id)}>{event.name}</Link>{' '}
                  <span className="muted">
                    — {event.heldOn}, {regionNames([event.venue])}, {formatCount(event.statistics.intentions)} intentions
                  </span>
                </li>
              ))}
            </ul>
            {program.events.pageInfo.hasNextPage || eventPages.pageNumber > 1 ? (
              <Pager
                label="Job fairs"
                pageNumber={eventPages.pageNumber}
                hasNextPage={program.events.pageInfo.hasNextPage}
                onPrevious={eventPages.previous}
                onNext={() => program.events.pageInfo.endCursor && eventPages.next(program.events.pageInfo.endCursor)}
              />
            ) : null}
          </>
        )}
      </section>

      {program.reports.length > 0 ? (
        <section aria-labelledby="reports-heading">
          <h2 id="reports-heading">Reports</h2>
          <table>
            <caption>Figures reported by period</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Workers registered</th>
                <th scope="col">Change</th>
                <th scope="col">Newly helped poor laborers</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {program.reports.map((r) => (
                <tr key={r.periodEnd}>
                  <th scope="row">
                    {r.periodStart} – {r.periodEnd}
                  </th>
                  <td>{formatCount(r.workersRegistered)}</td>
                  <td>{r.workersRegisteredChange >= 0 ? `+${formatCount(r.workersRegisteredChange)}` : formatCount(r.workersRegisteredChange)}</td>
                  <td>{formatCount(r.newlyHelpedPoorLaborers)}</td>
                  <td>{r.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {program.workstations.length > 0 ? (
        <section aria-labelledby="workstations-heading">
          <h2 id="workstations-heading">Labor service workstations</h2>
          <ul className="list">
            {program.workstations.map((w) => (
              <li key={w.id}>
                {w.hostArea} — from {regionNames([w.sendingRegion])}; {w.duties.join(', ').toLowerCase().replaceAll('_', ' ')}; {w.contact}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {program.agreementTerms.length > 0 ? (
        <section aria-labelledby="terms-heading">
          <h2 id="terms-heading">Agreement</h2>
          <ul className="list">
            {program.agreementTerms.map((term) => (
              <li key={term}>{term}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
