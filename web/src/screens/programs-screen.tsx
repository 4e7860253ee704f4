import { useId, type FormEvent } from 'react';
import { ProgramListDocument, type ProgramKind, type ProgramsFilter } from '../generated/graphql';
import { Empty, ErrorList, Link, Loading, Pager, ProvinceField, formatCount, formatShare, formatYuan, regionNames } from '../components';
import { FunnelChart } from '../charts/funnel-chart';
import { navigate, paths } from '../routes';
import { useCursorPages, useOperation } from '../use-operation';
import { formatDate, useTranslation } from '../i18n';

export const PROGRAM_KINDS: readonly ProgramKind[] = ['EAST_WEST', 'INTRA_PROVINCE', 'PROJECT_COUNTY'];

const PAGE_SIZE = 10;

/** The filters live in the address, so a filtered list can be bookmarked and shared. */
function filterOf(search: URLSearchParams): ProgramsFilter {
  const kind = search.get('kind');
  return {
    ...(kind && (PROGRAM_KINDS as readonly string[]).includes(kind) ? { kind: kind as ProgramKind } : {}),
    ...(search.get('sending') ? { sendingProvinceCode: search.get('sending') } : {}),
    ...(search.get('receiving') ? { receivingProvinceCode: search.get('receiving') } : {}),
  };
}

export function ProgramsScreen({ search }: { search: URLSearchParams }) {
  const { t } = useTranslation();
  const filter = filterOf(search);
  const pages = useCursorPages(search.toString());
  const result = useOperation(ProgramListDocument, { filter, first: PAGE_SIZE, after: pages.after });
  const ids = { kind: useId(), sending: useId(), receiving: useId() };

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['kind', 'sending', 'receiving']) {
      const value = form.get(name);
      if (typeof value === 'string' && value) next.set(name, value);
    }
    navigate(paths.programs(next));
  };

  return (
    <>
      <h1>{t('programs.title')}</h1>
      <form className="filters" onSubmit={applyFilters} aria-label={t('programs.filter')} key={search.toString()}>
        <div className="field">
          <label htmlFor={ids.kind}>{t('programs.kind')}</label>
          <select id={ids.kind} name="kind" defaultValue={search.get('kind') ?? ''}>
            <option value="">{t('programs.anyKind')}</option>
            {PROGRAM_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`programKind.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <ProvinceField id={ids.sending} name="sending" label={t('programs.sending')} defaultValue={search.get('sending') ?? ''} />
        <ProvinceField id={ids.receiving} name="receiving" label={t('programs.receiving')} defaultValue={search.get('receiving') ?? ''} />
        <div className="actions">
          <button type="submit">{t('programs.apply')}</button>
          {search.size > 0 ? <Link href={paths.programs()}>{t('programs.clear')}</Link> : null}
        </div>
      </form>

      {result.status === 'loading' ? (
        <Loading what={t('programs.loadingWhat')} />
      ) : result.errors.length > 0 && !result.data ? (
        <ErrorList errors={result.errors} onRetry={result.reload} />
      ) : result.data && result.data.programs.edges.length === 0 ? (
        <Empty>{t('programs.empty')}</Empty>
      ) : result.data ? (
        <>
          <ErrorList errors={result.errors} />
          <ul className="cards" aria-label={t('programs.list')}>
            {result.data.programs.edges.map(({ node: program }) => (
              <li key={program.id} className="card">
                <article aria-labelledby={`program-${program.id}`}>
                  <h2 id={`program-${program.id}`}>
                    <Link href={paths.program(program.id)}>{program.name}</Link>
                  </h2>
                  <p className="meta">
                    {t(`programKind.${program.kind}`)} · {regionNames(program.sendingRegions)} → {regionNames(program.receivingRegions)} ·{' '}
                    {t('programs.since', { date: formatDate(program.startsOn) })}
                  </p>
                  <dl className="figures">
                    <div>
                      <dt>{t('programs.employers')}</dt>
                      <dd>{formatCount(program.statistics.employers)}</dd>
                    </div>
                    <div>
                      <dt>{t('programs.positions')}</dt>
                      <dd>{formatCount(program.statistics.positionsOffered)}</dd>
                    </div>
                    <div>
                      <dt>{t('programs.poorShare')}</dt>
                      <dd>{formatShare(program.statistics.registeredPoorIntentions, program.statistics.intentions)}</dd>
                    </div>
                    <div>
                      <dt>{t('programs.wageUplift')}</dt>
                      <dd>
                        {program.statistics.averageMonthlyWageUpliftYuan == null
                          ? '—'
                          : t('common.perMonth', { amount: formatYuan(program.statistics.averageMonthlyWageUpliftYuan) })}
                      </dd>
                    </div>
                  </dl>
                  <FunnelChart figures={program.statistics} title={t('funnel.titleOf', { name: program.name })} compact />
                </article>
              </li>
            ))}
          </ul>
          <Pager
            label={t('programs.pagerLabel')}
            pageNumber={pages.pageNumber}
            hasNextPage={result.data.programs.pageInfo.hasNextPage}
            onPrevious={pages.previous}
            onNext={() => result.data?.programs.pageInfo.endCursor && pages.next(result.data.programs.pageInfo.endCursor)}
          />
        </>
      ) : null}
    </>
  );
}
