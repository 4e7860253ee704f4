import type { StatisticsScope } from './keys.js';
import type { Counter, StatisticsItem } from './program-repository.js';

/** A reference to an entity another subgraph owns. */
export interface EntityReference {
  readonly id: string;
}

const STATUS_COUNTERS = [
  'people',
  'registeredPoorPeople',
  'intentions',
  'registeredPoorIntentions',
  'hires',
  'registrations',
  'retained3m',
  'retained6m',
  'retained12m',
  'left',
] as const;

export type StatusCounts = Record<(typeof STATUS_COUNTERS)[number], number>;
export type CountyStatisticsView = StatusCounts & { readonly sendingCountyCode: string };
/**
 * The statistics of a program or event as read from its whole-scope counter item (one BatchGetItem
 * for a whole list of them); `bySendingCounty` is read only when asked for, by `scope` and `ownerId`.
 */
export type StatisticsView = StatusCounts &
  Record<'employers' | 'positionsOffered' | 'postingsOffered', number> & {
    readonly averageMonthlyWageUpliftYuan: number | null;
    readonly wageUpliftHires: number;
    readonly scope: StatisticsScope;
    readonly ownerId: string;
  };
/** A posting's placement counts: the status counters of its whole-scope item. */
export type PlacementCountsView = StatusCounts;

const read = (item: Partial<Record<Counter, number>> | null | undefined, counter: Counter) => Number(item?.[counter] ?? 0);

export const statusCounts = (item: Partial<Record<Counter, number>> | null | undefined): StatusCounts =>
  Object.fromEntries(STATUS_COUNTERS.map((c) => [c, read(item, c)])) as StatusCounts;

/** The statistics of a program or event from its TOTAL counter item (absent: nothing counted yet). */
export function statisticsView(scope: StatisticsScope, ownerId: string, total: StatisticsItem | null | undefined): StatisticsView {
  const upliftCount = read(total, 'wageUpliftCount');
  return {
    scope,
    ownerId,
    employers: read(total, 'employers'),
    positionsOffered: read(total, 'positionsOffered'),
    postingsOffered: read(total, 'postingsOffered'),
    ...statusCounts(total),
    averageMonthlyWageUpliftYuan: upliftCount > 0 ? Math.floor(read(total, 'wageUpliftSumYuan') / upliftCount) : null,
    wageUpliftHires: upliftCount,
  };
}

/** The per-county statistics from a scope's COUNTY# counter items, by county code. */
export function countyStatisticsViews(items: readonly StatisticsItem[]): CountyStatisticsView[] {
  return items
    .filter((item) => item.sk.startsWith('COUNTY#'))
    .map((item) => ({ sendingCountyCode: item.sk.slice('COUNTY#'.length), ...statusCounts(item) }))
    .sort((a, b) => a.sendingCountyCode.localeCompare(b.sendingCountyCode));
}
