import { useId, type FormEvent } from 'react';
import { ProgramListDocument, type ProgramKind, type ProgramsFilter } from '../generated/graphql';
import { Empty, ErrorList, Link, Loading, Pager, ProvinceField, formatCount, formatShare, formatYuan, regionNames } from '../components';
import { FunnelChart } from '../charts/funnel-chart';
import { navigate, paths } from '../routes';
import { useCursorPages, useOperation } from '../use-operation';

export const PROGRAM_KINDS: Readonly<Record<ProgramKind, string>> = {
  EAST_WEST: 'East–West (东西部劳务协作)',
  INTRA_PROVINCE: 'Intra-province (省内劳务协作)',
  PROJECT_COUNTY: 'Project–county pairing',
};

const PAGE_SIZE = 10;

/** The filters live in the address, so a filtered list can be bookmarked and shared. */
function filterOf(search: URLSearchParams): ProgramsFilter {
  const kind = search.get('kind');
  return {
    ...(kind && kind in PROGRAM_KINDS ? { kind: kind as ProgramKind } : {}),
    ...(search.get('sending') ? { sendingProvinceCode: search.get('sending') } : {}),
    ...(search.get('receiving') ? { receivingProvinceCode: search.get('receiving') } : {}),
  };
}

export function ProgramsScreen({ search }: { search: URLSearchParams }) {
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
      <h1>Cooperation programs</h1>
      <form className="filters" onSubmit={applyFilters} aria-label="Filter programs" key={search.toString()}>
        <div className="field">
          <label htmlFor={ids.kind}>Kind</label>
          <select id={ids.kind} name="kind" defaultValue={search.get('kind') ?? ''}>
            <option value="">Any kind</option>
            {Object.entries(PROGRAM_KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <ProvinceField id={ids.sending} name="sending" label="Sending province" defaultValue={search.get('sending') ?? ''} />
        <ProvinceField id={ids.receiving} name="receiving" label="Receiving province" defaultValue={search.get('receiving') ?? ''} />
        <div className="actions">
          <button type="submit">Apply filters</button>
          {search.size > 0 ? <Link href={paths.programs()}>Clear filters</Link> : null}
        </div>
      </form>

      {result.status === 'loading' ? (
        <Loading what="programs" />
      ) : result.errors.length > 0 && !result.data ? (
        <ErrorList errors={result.errors} onRetry={result.reload} />
      ) : result.data && result.data.programs.edges.length === 0 ? (
        <Empty>No program matches these filters.</Empty>
      ) : result.data ? (
        <>
          <ErrorList errors={result.errors} />
          <ul className="cards" aria-label="Programs">
            {result.data.programs.edges.map(({ node: program }) => (
              <li key={program.id} className="card">
                <article aria-labelledby={`program-${program.id}`}>
                  <h2 id={`program-${program.id}`}>
                    <Link href={paths.program(program.id)}>{program.name}</Link>
                  </h2>
                  <p className="meta">
                    {PROGRAM_KINDS[program.kind]} · {regionNames(program.sendingRegions)} → {regionNames(program.receivingRegions)} · since {program.startsOn}
                  </p>
                  <dl className="figures">
                    <div>
                      <dt>Employers</dt>
                      <dd>{formatCount(program.statistics.employers)}</dd>
                    </div>
                    <div>
                      <dt>Positions</dt>
                      <dd>{formatCount(program.statistics.positionsOffered)}</dd>
                    </div>
                    <div>
                      <dt>Registered-poor share</dt>
                      <dd>{formatShare(program.statistics.registeredPoorIntentions, program.statistics.intentions)}</dd>
                    </div>
                    <div>
                      <dt>Wage uplift</dt>
                      <dd>
                        {program.statistics.averageMonthlyWageUpliftYuan == null ? '—' : `${formatYuan(program.statistics.averageMonthlyWageUpliftYuan)}/month`}
                      </dd>
                    </div>
                  </dl>
                  <FunnelChart figures={program.statistics} title={`Placement funnel of ${program.name}`} compact />
                </article>
              </li>
            ))}
          </ul>
          <Pager
            label="Programs"
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
