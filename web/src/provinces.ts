// The product's one list of divisions (GB/T 2260): the filters offer exactly what the API accepts.
// The provinces-only module, not regions.ts: the full county list would add ≈ 42 KB gzipped here.
import { provinceDivisions } from '../../subgraphs/shared/domain/provinces';

export const PROVINCES = provinceDivisions();
