import type { Counter, StatisticsItem } from './program-repository.js';

/** A reference to an entity another subgraph owns. */
export interface EntityReference { readonly id: string }

const STATUS_COUNTERS = ['intentions', 'registeredPoorIntentions', 'hires', 'registrations', 'retained3m', 'retained6m', 'retained12m', 'left'] as const;

export type CountyStatisticsView = Record<(typeof STATUS_COUNTERS)[number], number> & { readonly sendingCountyCode: string };
export type StatisticsView = Record<(typeof STATUS_COUNTERS)[number] | 'employers' | 'positionsOffered', number> & {
  readonly averageMonthlyWageUpliftYuan: number | null;
  readonly bySendingCounty: CountyStatisticsView[];
};

const read = (item: StatisticsItem | undefined, counter: Counter) => Number(item?.[counter] ?? 0);

/** The statistics of a program or event from its counter items (TOTAL and one per county). */
export function statisticsView(items: readonly StatisticsItem[]): StatisticsView {
  const total = items.find((item) => item.sk === 'TOTAL');
  const upliftCount = read(total, 'wageUpliftCount');
  return {
    employers: read(total, 'employers'),
    positionsOffered: read(total, 'positionsOffered'),
    ...Object.fromEntries(STATUS_COUNTERS.map((c) => [c, read(total, c)])) as Record<(typeof STATUS_COUNTERS)[number], number>,
    averageMonthlyWageUpliftYuan: upliftCount > 0 ? Math.floor(read(total, 'wageUpliftSumYuan') / upliftCount) : null,
    bySendingCounty: items
      .filter((item) => item.sk.startsWith('COUNTY#'))
      .map((item) => ({ sendingCountyCode: item.sk.slice('COUNTY#'.length), ...Object.fromEntries(STATUS_COUNTERS.map((c) => [c, read(item, c)])) }) as CountyStatisticsView)
      .sort((a, b) => a.sendingCountyCode.localeCompare(b.sendingCountyCode)),
  };
}
