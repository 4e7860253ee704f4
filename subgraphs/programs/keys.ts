/** The programs table's key scheme; only this subgraph's repositories use it. */
export const programKey = (id: string) => ({ pk: `PROGRAM#${id}`, sk: 'PROGRAM' });
export const eventKey = (id: string) => ({ pk: `EVENT#${id}`, sk: 'EVENT' });
export const placementKey = (id: string) => ({ pk: `PLACEMENT#${id}`, sk: 'PLACEMENT' });
/** Owner key + facet: the facet items of a program, event or placement sit beside the record. */
export const facetKey = (ownerPk: string, facet: string) => ({ pk: ownerPk, sk: `FACET#${facet}` });
/** A person has at most one placement per posting: this item makes recordIntention idempotent. */
export const intentionKey = (personId: string, postingId: string) => ({ pk: `INTENTION#${personId}#${postingId}`, sk: 'INTENTION' });
/** The ids of a person's placements, so Person.placements and the flag projection need no index. */
export const personPlacementsKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PLACEMENTS' });
/** Projection of the people table's stream: the registered-poor flag. */
export const personProfileKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PROFILE' });
/** Projection of the employers table's stream: a posting's employer, travel terms and hires. */
export const postingTermsKey = (postingId: string) => ({ pk: `POSTING#${postingId}`, sk: 'TERMS' });
export const employerProgramsKey = (employerId: string) => ({ pk: `EMPLOYER#${employerId}`, sk: 'PROGRAMS' });
/**
 * Statistics counters: one item for the whole scope and, for programs and events, one per sending
 * county. A posting has the whole-scope item only (its placement counts).
 */
export type StatisticsScope = 'PROGRAM' | 'EVENT' | 'POSTING';
export const statsPk = (scope: StatisticsScope, id: string) => `STATS#${scope}#${id}`;
export const statsKey = (scope: StatisticsScope, id: string, countyCode: string | null) => ({
  pk: statsPk(scope, id),
  sk: countyCode === null ? 'TOTAL' : `COUNTY#${countyCode}`,
});

/** What a program counts of one employer across its events, once (beside the program's counters, never under COUNTY#). */
export const programEmployerKey = (programId: string, employerId: string) => ({ pk: statsPk('PROGRAM', programId), sk: `EMPLOYER#${employerId}` });

export { withoutKeys } from '../shared/dynamodb/batch-get.js';
