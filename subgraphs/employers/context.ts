import DataLoader from 'dataloader';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RequestContext } from '../shared/graphql/subgraph-server.js';
import { EmployerRepository, type EmployerRecord } from './employer-repository.js';
import { PostingRepository, type HireRecord, type PostingCandidate, type PostingRecord } from './posting-repository.js';

/** Candidates read per occupation for job matching: one Query page each. */
export const CANDIDATES_PER_OCCUPATION = 100;
/** The key of `openPostingsLoader` that stands for "any occupation" (occupations are never empty). */
export const ANY_OCCUPATION = '';

export interface EmployersContext extends RequestContext {
  readonly employers: EmployerRepository;
  readonly postings: PostingRepository;
  /** Per request: every employer read in one tick becomes one BatchGetItem (per 100 ids). */
  readonly employerLoader: DataLoader<string, EmployerRecord | null>;
  readonly postingLoader: DataLoader<string, PostingRecord | null>;
  /** Hires of many people: one BatchGetItem per 100 people. */
  readonly personHiresLoader: DataLoader<string, HireRecord[]>;
  /**
   * Best-paid OPEN postings per occupation. Keyed by occupation, not by person, so recommending
   * for a list of people costs one Query per distinct occupation, however long the list.
   */
  readonly openPostingsLoader: DataLoader<string, PostingCandidate[]>;
}

export interface EmployersStorage {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Repositories live as long as the process; loaders (and their caches) as long as one request. */
export function employersContext({ documents, tableName }: EmployersStorage) {
  const employers = new EmployerRepository(documents, tableName);
  const postings = new PostingRepository(documents, tableName);
  return (base: RequestContext): EmployersContext => ({
    ...base,
    employers,
    postings,
    employerLoader: new DataLoader((ids) => employers.getMany(ids)),
    postingLoader: new DataLoader((ids) => postings.getMany(ids)),
    personHiresLoader: new DataLoader((ids) => postings.hiresOfPeople(ids)),
    openPostingsLoader: new DataLoader((occupations) =>
      Promise.all(occupations.map((occupation) => postings.openCandidates(occupation === ANY_OCCUPATION ? null : occupation, CANDIDATES_PER_OCCUPATION))),
    ),
  });
}
