import DataLoader from 'dataloader';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RequestContext } from '../shared/graphql/subgraph-server.js';
import { HouseholdRepository, type HouseholdRecord } from './household-repository.js';
import { PersonRepository, type PersonRecord } from './person-repository.js';
import { RegistrationConflicts } from './registration-conflicts.js';

export interface PeopleContext extends RequestContext {
  readonly persons: PersonRepository;
  readonly households: HouseholdRepository;
  readonly registrationConflicts: RegistrationConflicts;
  /** Per request: every person read in one tick becomes one BatchGetItem (per 100 ids). */
  readonly personLoader: DataLoader<string, PersonRecord | null>;
  readonly householdLoader: DataLoader<string, HouseholdRecord | null>;
}

export interface PeopleStorage {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Repositories live as long as the process; loaders (and their caches) as long as one request. */
export function peopleContext({ documents, tableName }: PeopleStorage) {
  const persons = new PersonRepository(documents, tableName);
  const households = new HouseholdRepository(documents, tableName, persons);
  const registrationConflicts = new RegistrationConflicts(documents, tableName);
  return (base: RequestContext): PeopleContext => ({
    ...base,
    persons,
    households,
    registrationConflicts,
    personLoader: new DataLoader((ids) => persons.getMany(ids)),
    householdLoader: new DataLoader((ids) => households.getMany(ids)),
  });
}
