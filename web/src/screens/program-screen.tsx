import { ProgramDetailDocument } from '../generated/graphql';
import { Empty, ErrorList, formatCount, formatShare, formatYuan, Link, Loading, Pager, regionNames, TableWrap } from '../components';
import { CountyChart } from '../charts/county-chart';
import { FunnelChart } from '../charts/funnel-chart';
import { ShareBar } from '../charts/share-bar';
import { paths } from '../routes';
import { useCursorPages, useOperation } from '../use-operation';
import { formatDate, useTranslation } from '../i18n';
import { download } from '../import-file';

export function ProgramScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const eventPages = useCursorPages(id);
  const result = useOperation(ProgramDetailDocument, { id, eventsAfter: eventPages.after });
  if (result.status === 'loading') return <Loading what={t('program.loadingWhat')} />;
  const program = result.data?.program;
  if (!program) {
    return (
      <>
        <h1>{t('program.fallbackTitle')}</h1>
        {result.errors.length > 0 ? <ErrorList errors={result.errors} onRetry={result.reload} /> : <Empty>{t('program.notFound', { id })}</Empty>}
        <p>
          <Link href={paths.programs()}>{t('program.allPrograms')}</Link>
        </p>
      </>
    );
  }
  const s = program.statistics;
  return (
    <>
      <p className="breadcrumbs">
        <Link href={paths.programs()}>{t('program.breadcrumb')}</Link> ›
      </p>
      <h1>{program.name}</h1>
      <p className="meta">
        {t(`programKind.${program.kind}`)} · {program.organisingDepartment} · {formatDate(program.startsOn)}
        {program.endsOn ? ` – ${formatDate(program.endsOn)}` : t('program.openEnded')}
      </p>
      <p>
        <strong>{t('program.sending')}</strong>
        {regionNames(program.sendingRegions)} · <strong>{t('program.receiving')}</strong>
        {regionNames(program.receivingRegions)}
      </p>
      <ErrorList errors={result.errors} />

      <section aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">{t('program.funnel')}</h2>
        <dl className="figures">
          <div>
            <dt>{t('programs.employers')}</dt>
            <dd>{formatCount(s.employers)}</dd>
          </div>
          <div>
            <dt>{t('programs.positions')}</dt>
            <dd>{formatCount(s.positionsOffered)}</dd>
          </div>
          <div>
            <dt>{t('program.left')}</dt>
            <dd>{formatCount(s.left)}</dd>
          </div>
          <div>
            <dt>{t('program.averageUplift')}</dt>
            <dd>
              {s.averageMonthlyWageUpliftYuan == null ? t('program.noHires') : t('common.perMonth', { amount: formatYuan(s.averageMonthlyWageUpliftYuan) })}
            </dd>
          </div>
        </dl>
        <FunnelChart figures={s} title={t('funnel.title')} />
        <ShareBar part={s.registeredPoorIntentions} whole={s.intentions} label={t('program.poorShareLabel')} />
        <p className="note">{t('program.upliftNote')}</p>
      </section>

      <section aria-labelledby="counties-heading">
        <h2 id="counties-heading">{t('program.byCounty')}</h2>
        {s.bySendingCounty.length === 0 ? (
          <Empty>{t('program.byCountyEmpty')}</Empty>
        ) : (
          <>
            <CountyChart rows={s.bySendingCounty} />
            <div className="actions export">
              {(['xlsx', 'csv'] as const).map((format) => (
                <button
                  key={format}
                  type="button"
                  onClick={() =>
                    void download(
                      `${program.name}-${t('program.byCounty')}`,
                      [
                        t('program.county'),
                        t('funnel.intentions'),
                        t('program.poor'),
                        t('program.hired'),
                        t('program.registered'),
                        t('program.m3'),
                        t('program.m6'),
                        t('program.m12'),
                        t('program.left'),
                      ],
                      s.bySendingCounty.map((c) => [
                        `${c.sendingCounty.province} ${c.sendingCounty.name}`,
                        c.intentions,
                        c.registeredPoorIntentions,
                        c.hires,
                        c.registrations,
                        c.retained3m,
                        c.retained6m,
                        c.retained12m,
                        c.left,
                      ]),
                      format,
                    )
                  }
                >
                  {format === 'xlsx' ? t('common.exportXlsx') : t('common.exportCsv')}
                </button>
              ))}
            </div>
            <TableWrap label={t('common.scrollTable')}>
              <table>
                <caption>{t('program.byCountyCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('program.county')}</th>
                    <th scope="col">{t('funnel.intentions')}</th>
                    <th scope="col">{t('program.poor')}</th>
                    <th scope="col">{t('program.hired')}</th>
                    <th scope="col">{t('program.registered')}</th>
                    <th scope="col">{t('program.m3')}</th>
                    <th scope="col">{t('program.m6')}</th>
                    <th scope="col">{t('program.m12')}</th>
                    <th scope="col">{t('program.left')}</th>
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
            </TableWrap>
          </>
        )}
      </section>

      <section aria-labelledby="fairs-heading">
        <h2 id="fairs-heading">{t('program.fairs')}</h2>
        {program.events.edges.length === 0 ? (
          <Empty>{t('program.noFairs')}</Empty>
        ) : (
          <>
            <ul className="list">
              {program.events.edges.map(({ node: event }) => (
                <li key={event.id}>
                  <Link href={paths.fair(event.id)}>{event.name}</Link>{' '}
                  <span className="muted">
                    —{' '}
                    {t('program.fairLine', {
                      date: formatDate(event.heldOn),
                      venue: regionNames([event.venue]),
                      count: formatCount(event.statistics.intentions),
                    })}
                  </span>
                </li>
              ))}
            </ul>
            {program.events.pageInfo.hasNextPage || eventPages.pageNumber > 1 ? (
              <Pager
                label={t('program.fairs')}
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
          <h2 id="reports-heading">{t('program.reports')}</h2>
          <TableWrap label={t('common.scrollTable')}>
            <table>
              <caption>{t('program.reportsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('program.period')}</th>
                  <th scope="col">{t('program.workersRegistered')}</th>
                  <th scope="col">{t('program.change')}</th>
                  <th scope="col">{t('program.newlyHelped')}</th>
                  <th scope="col">{t('program.source')}</th>
                </tr>
              </thead>
              <tbody>
                {program.reports.map((r) => (
                  <tr key={r.periodEnd}>
                    <th scope="row">
                      {formatDate(r.periodStart)} – {formatDate(r.periodEnd)}
                    </th>
                    <td>{formatCount(r.workersRegistered)}</td>
                    <td>{r.workersRegisteredChange >= 0 ? `+${formatCount(r.workersRegisteredChange)}` : formatCount(r.workersRegisteredChange)}</td>
                    <td>{formatCount(r.newlyHelpedPoorLaborers)}</td>
                    <td>{r.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      {program.workstations.length > 0 ? (
        <section aria-labelledby="workstations-heading">
          <h2 id="workstations-heading">{t('program.workstations')}</h2>
          <ul className="list">
            {program.workstations.map((w) => (
              <li key={w.id}>
                {t('program.workstationLine', {
                  area: w.hostArea,
                  from: regionNames([w.sendingRegion]),
                  duties: w.duties.map((d) => t(`duty.${d}`)).join('、'),
                  contact: w.contact,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {program.agreementTerms.length > 0 ? (
        <section aria-labelledby="terms-heading">
          <h2 id="terms-heading">{t('program.agreement')}</h2>
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
