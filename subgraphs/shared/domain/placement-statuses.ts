/**
 * The placement status ladder: which status may follow which. Shared by the programs subgraph, which
 * enforces it, and the web app, which offers only the legal next statuses.
 */
export type PlacementStatus = 'INTENT' | 'HIRED' | 'REGISTERED' | 'RETAINED_3M' | 'RETAINED_6M' | 'RETAINED_12M' | 'LEFT';

/** The employed statuses: LEFT may follow any of them. */
const EMPLOYED: readonly PlacementStatus[] = ['HIRED', 'REGISTERED', 'RETAINED_3M', 'RETAINED_6M', 'RETAINED_12M'];

/** The one forward step from each status (RETAINED_12M and LEFT are final on the ladder). */
const NEXT: Readonly<Record<PlacementStatus, PlacementStatus | null>> = {
  INTENT: 'HIRED',
  HIRED: 'REGISTERED',
  REGISTERED: 'RETAINED_3M',
  RETAINED_3M: 'RETAINED_6M',
  RETAINED_6M: 'RETAINED_12M',
  RETAINED_12M: null,
  LEFT: null,
};

/** The statuses a placement in `from` may move to. */
export function allowedNext(from: PlacementStatus): PlacementStatus[] {
  const next = NEXT[from];
  return [...(next ? [next] : []), ...(EMPLOYED.includes(from) ? ['LEFT' as const] : [])];
}
