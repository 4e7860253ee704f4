/** The employers table's key scheme; only this subgraph's repositories use it. */
export const employerKey = (id: string) => ({ pk: `EMPLOYER#${id}`, sk: 'EMPLOYER' });
export const employerFacetKey = (id: string, facet: string) => ({ pk: `EMPLOYER#${id}`, sk: `FACET#${facet}` });
export const creditCodeKey = (code: string) => ({ pk: `CREDITCODE#${code}`, sk: 'CREDITCODE' });
export const postingKey = (id: string) => ({ pk: `POSTING#${id}`, sk: 'POSTING' });
export const postingFacetKey = (id: string, facet: string) => ({ pk: `POSTING#${id}`, sk: `FACET#${facet}` });
/** Keyed by posting and person: a person is hired into a posting at most once. */
export const hireKey = (postingId: string, personId: string) => ({ pk: `POSTING#${postingId}`, sk: `HIRE#${personId}` });
/**
 * A hire request of one caller: idempotency keys are per caller, so another caller's key neither
 * replays nor reveals this one's hire. The subject is URI-encoded, so it cannot contain the `#`.
 */
export const hireRequestKey = (callerSubject: string, idempotencyKey: string) => ({
  pk: `HIREREQUEST#${encodeURIComponent(callerSubject)}#${idempotencyKey}`,
  sk: 'HIREREQUEST',
});
/** One item per person listing their hires, so the hires of many people are one BatchGetItem. */
export const personHiresKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'HIRES' });
/**
 * Projection of the people table's stream (stream-projection.ts): the person exists. It carries the
 * id only, no personal data; `hire` refuses a person without it.
 */
export const knownPersonKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'KNOWN' });

/** Index partitions: employers and postings share the index, told apart by prefix. */
export const employerFacet = (facet: string) => `EMPLOYER#${facet}`;
export const postingFacet = (facet: string) => `POSTING#${facet}`;

/** Sort value of a posting's facet items: zero-padded minimum wage, then id for a total order. */
export const postingFacetSort = (monthlyWageMinYuan: number, id: string) => `${String(monthlyWageMinYuan).padStart(6, '0')}#${id}`;
export const wageFloor = (monthlyWageMinYuan: number) => String(monthlyWageMinYuan).padStart(6, '0');

export { withoutKeys } from '../shared/dynamodb/batch-get.js';
