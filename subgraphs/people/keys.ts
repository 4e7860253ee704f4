/** The people table's key scheme; only this subgraph's repositories use it. */
export const personKey = (id: string) => ({ pk: `PERSON#${id}`, sk: 'PERSON' });
export const personFacetKey = (id: string, facet: string) => ({ pk: `PERSON#${id}`, sk: `FACET#${facet}` });
export const idNumberKey = (idNumber: string) => ({ pk: `IDNUMBER#${idNumber}`, sk: 'IDNUMBER' });
/** Per caller and clock hour: registrations refused because the ID number belongs to someone the caller may not read. */
export const registrationConflictKey = (subject: string, hour: string) => ({ pk: `REGISTRATION-CONFLICTS#${subject}`, sk: `HOUR#${hour}` });
export const householdKey = (id: string) => ({ pk: `HOUSEHOLD#${id}`, sk: 'HOUSEHOLD' });

export { withoutKeys } from '../shared/dynamodb/batch-get.js';
