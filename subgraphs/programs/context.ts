import DataLoader from 'dataloader';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RequestContext } from '../shared/graphql/subgraph-server.js';
import { PlacementRepository, type PlacementRecord, type PostingTermsRecord } from './placement-repository.js';
import {
  ProgramRepository,
  statisticsOwnerKey,
  type EventRecord,
  type ProgramRecord,
  type StatisticsItem,
  type StatisticsOwner,
} from './program-repository.js';

export interface ProgramsContext extends RequestContext {
  readonly programs: ProgramRepository;
  readonly placements: PlacementRepository;
  /** Per request: every record read in one tick becomes one BatchGetItem (per 100 ids). */
  readonly programLoader: DataLoader<string, ProgramRecord | null>;
  readonly eventLoader: DataLoader<string, EventRecord | null>;
  readonly placementLoader: DataLoader<string, PlacementRecord | null>;
  readonly personPlacementIdsLoader: DataLoader<string, string[]>;
  /** The employers stream's projection of postings: whose candidates a placement is. */
  readonly postingTermsLoader: DataLoader<string, PostingTermsRecord | null>;
  readonly employerProgramIdsLoader: DataLoader<string, string[]>;
  /** Whole-scope counter items: the statistics of a list of programs, events or postings in one BatchGetItem. */
  readonly statisticsTotalLoader: DataLoader<StatisticsOwner, StatisticsItem | null, string>;
  /** Per-county counter items: one Query per program or event, only when bySendingCounty is asked for. */
  readonly countyStatisticsLoader: DataLoader<StatisticsOwner, StatisticsItem[], string>;
}

export interface ProgramsStorage {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Repositories live as long as the process; loaders (and their caches) as long as one request. */
export function programsContext({ documents, tableName }: ProgramsStorage) {
  const programs = new ProgramRepository(documents, tableName);
  const placements = new PlacementRepository(documents, tableName);
  return (base: RequestContext): ProgramsContext => ({
    ...base,
    programs,
    placements,
    programLoader: new DataLoader((ids) => programs.getMany(ids)),
    eventLoader: new DataLoader((ids) => programs.getEvents(ids)),
    placementLoader: new DataLoader((ids) => placements.getMany(ids)),
    personPlacementIdsLoader: new DataLoader((ids) => placements.idsOfPeople(ids)),
    postingTermsLoader: new DataLoader((ids) => placements.postingTermsOfMany(ids)),
    employerProgramIdsLoader: new DataLoader((ids) => programs.programIdsOfEmployers(ids)),
    statisticsTotalLoader: new DataLoader((owners: readonly StatisticsOwner[]) => programs.statisticsTotals(owners), { cacheKeyFn: statisticsOwnerKey }),
    countyStatisticsLoader: new DataLoader((owners: readonly StatisticsOwner[]) => Promise.all(owners.map((owner) => programs.countyStatistics(owner))), {
      cacheKeyFn: statisticsOwnerKey,
    }),
  });
}
