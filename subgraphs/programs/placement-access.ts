/**
 * Who may see and who may change a placement, checked on every path that yields or writes one.
 *
 * Reading (subgraphs/shared/auth/people-links.ts): people:read sees every placement; an employer user the
 * placements into its own postings (the posting's employer as the employers stream projected it: a
 * posting not projected yet counts as nobody's); everyone else none.
 *
 * Changing (recordIntention, advancePlacement, the claims), besides the placements:write scope:
 * - admin: any;
 * - program_officer: placements of a program they are an officer of, i.e. one of whose sending or
 *   receiving provinces is in their token's `provinces`;
 * - caseworker: placements of a person whose home province (the people stream's projection) is theirs,
 *   or whose sending county's province (the sending side) or posting's workplace province (the
 *   receiving side, the employers stream's projection) is theirs. A new intention's sending county is
 *   the caller's input, so it grants nothing for recordIntention itself.
 * A write never widens reading: every caller allowed to write here already has people:read.
 */
import { GraphQLError } from 'graphql';
import { hasRole, requireScope, type Caller } from '../shared/auth/caller.js';
import { coversEmployer, notYourPosting, peopleLinkAccess } from '../shared/auth/people-links.js';
import { provinceCodeOf } from '../shared/domain/regions.js';
import type { ProgramsContext } from './context.js';
import type { PlacementRecord } from './placement-repository.js';
import type { ProgramRecord } from './program-repository.js';

/** The placements of `candidates` the caller may see, in order; throws when it may see none at all. */
export async function visiblePlacements(context: ProgramsContext, candidates: readonly PlacementRecord[], what: string): Promise<PlacementRecord[]> {
  const access = peopleLinkAccess(context.caller, what);
  if (access.kind === 'all') return [...candidates];
  const terms = await context.postingTermsLoader.loadMany(candidates.map((p) => p.postingId));
  return candidates.filter((_, i) => {
    const t = terms[i];
    if (t instanceof Error) throw t;
    return coversEmployer(access, t?.employerId);
  });
}

/** The placement itself when the caller may see it; FORBIDDEN/UNAUTHENTICATED otherwise. Null stays null. */
export async function visiblePlacement(context: ProgramsContext, placement: PlacementRecord | null, what: string): Promise<PlacementRecord | null> {
  const access = peopleLinkAccess(context.caller, what);
  if (!placement || access.kind === 'all') return placement;
  const terms = await context.postingTermsLoader.load(placement.postingId);
  if (!coversEmployer(access, terms?.employerId)) throw notYourPosting(what, access, placement.postingId);
  return placement;
}

/** Refuses unless the caller may see every placement into the posting (people:read, or its employer). */
export async function requireCandidatesOf(context: ProgramsContext, postingId: string, what: string): Promise<void> {
  const access = peopleLinkAccess(context.caller, what);
  if (access.kind === 'all') return;
  const terms = await context.postingTermsLoader.load(postingId);
  if (!coversEmployer(access, terms?.employerId)) throw notYourPosting(what, access, postingId);
}

/** The provinces a change of a placement may be authorised by, by who holds them. */
export interface PlacementProvinces {
  readonly program: Pick<ProgramRecord, 'id' | 'sendingRegionCodes' | 'receivingRegionCodes'>;
  /** The person's home province, when the people stream has projected the person. */
  readonly hometownProvinceCode?: string | undefined;
  /** The placement's sending county (absent for a new intention: the caller chose it). */
  readonly sendingCountyCode?: string | undefined;
  /** The posting's workplace province, when the employers stream has projected the posting. */
  readonly workplaceProvinceCode?: string | undefined;
}

export const programProvinces = (program: PlacementProvinces['program']) => [
  ...new Set([...program.sendingRegionCodes, ...program.receivingRegionCodes].map(provinceCodeOf)),
];

/** Throws FORBIDDEN (UNAUTHENTICATED when anonymous) unless the caller may change this placement; writes nothing itself. */
export function requirePlacementWrite(caller: Caller, provinces: PlacementProvinces, operation: string): void {
  requireScope(caller, 'placements:write', operation);
  if (hasRole(caller, 'admin')) return;
  const officerOf = programProvinces(provinces.program);
  if (hasRole(caller, 'program_officer') && caller.provinces.some((p) => officerOf.includes(p))) return;
  const caseworkerOf = [
    provinces.hometownProvinceCode,
    provinces.sendingCountyCode !== undefined ? provinceCodeOf(provinces.sendingCountyCode) : undefined,
    provinces.workplaceProvinceCode,
  ].filter((p): p is string => p !== undefined);
  if (hasRole(caller, 'caseworker') && caller.provinces.some((p) => caseworkerOf.includes(p))) return;
  const yours = caller.provinces.length > 0 ? `you are responsible for ${caller.provinces.join(', ')}` : 'your token names no province';
  throw new GraphQLError(
    `${operation}: only program officers of program "${provinces.program.id}" (provinces ${officerOf.join(', ')}), ` +
      `caseworkers of ${caseworkerOf.length > 0 ? `province ${[...new Set(caseworkerOf)].join(' or ')}` : "the person's province (not known here yet)"} and admins may change this placement; ${yours}.`,
    { extensions: { code: 'FORBIDDEN' } },
  );
}
