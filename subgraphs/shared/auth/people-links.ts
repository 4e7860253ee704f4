/**
 * The object rule on links that lead to people (hires, placements, recommendations): which people a
 * caller may reach through another subgraph's entities. The people subgraph guards Person's own
 * fields; these rules guard who was hired or placed, which the employers and programs subgraphs
 * reveal by themselves (a hire names a person id and a posting; a placement its status and wage).
 *
 * - people:read (caseworker, program_officer, admin): everyone, as on the people subgraph.
 * - an `employer` user: the hires and candidates (placements) of its own employer's postings only.
 * - anyone else (anonymous, no role, partner): nobody.
 *
 * The gateway refuses the same fields early (`@requiresScopes(scopes: [["people:read"], ["candidates:read"]])`
 * in the SDL); these checks hold when a request reaches a subgraph some other way.
 */
import { GraphQLError } from 'graphql';
import { hasScope, type Caller } from './caller.js';

export type PeopleLinkAccess =
  /** Every hire and placement. */
  | { readonly kind: 'all' }
  /** Only those into postings of this employer. */
  | { readonly kind: 'employer'; readonly employerId: string };

const WHO_MAY = 'the people:read scope (roles caseworker, program_officer, admin), or an employer user for its own postings';

/**
 * How far `caller` may follow links to people; throws UNAUTHENTICATED (anonymous) or FORBIDDEN
 * (signed in, but no grant) naming what would be needed. `what` names the field, e.g. `JobPosting.hires`.
 */
export function peopleLinkAccess(caller: Caller, what: string): PeopleLinkAccess {
  if (hasScope(caller, 'people:read')) return { kind: 'all' };
  if (hasScope(caller, 'candidates:read') && caller.employerId) return { kind: 'employer', employerId: caller.employerId };
  if (!caller.subject) {
    throw new GraphQLError(`${what} reveals who was hired or placed: it needs a signed-in caller with ${WHO_MAY}. Send a token (Authorization: Bearer …).`, {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  const why = hasScope(caller, 'candidates:read') ? 'your employer token names no employer (claim employerId)' : 'your roles grant neither';
  throw new GraphQLError(`${what} reveals who was hired or placed: it needs ${WHO_MAY}; ${why}.`, { extensions: { code: 'FORBIDDEN' } });
}

/** Whether `access` covers a hire or placement into a posting of `employerId` (null: unknown employer). */
export const coversEmployer = (access: PeopleLinkAccess, employerId: string | null | undefined): boolean =>
  access.kind === 'all' || (employerId != null && access.employerId === employerId);

/** The FORBIDDEN an employer user gets for a posting of another employer (or of one this subgraph cannot name). */
export const notYourPosting = (what: string, access: Extract<PeopleLinkAccess, { kind: 'employer' }>, postingId: string) =>
  new GraphQLError(
    `${what}: job posting "${postingId}" is not a posting of employer "${access.employerId}", which you act for; an employer sees the hires and candidates of its own postings only.`,
    { extensions: { code: 'FORBIDDEN', id: postingId } },
  );

/** Only people:read (no employer exception): for fields that reveal a person's own data, e.g. their intention. */
export function requirePeopleRead(caller: Caller, what: string): void {
  if (hasScope(caller, 'people:read')) return;
  throw new GraphQLError(`${what} reveals a person's data: it needs the people:read scope, which the roles caseworker, program_officer, admin have.`, {
    extensions: { code: caller.subject ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
  });
}
