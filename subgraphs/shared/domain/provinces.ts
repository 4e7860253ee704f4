/**
 * The 34 province-level divisions alone, for front ends: importing regions.ts would carry all
 * 3,211 divisions (≈ 42 KB gzipped) into a bundle that only needs the provinces.
 */
import { PROVINCE_DIVISIONS } from './provinces-data.js';

export interface ProvinceDivision {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export const provinceDivisions = (): readonly ProvinceDivision[] => PROVINCE_DIVISIONS.map(([code, name, nameEn]) => ({ code, name, nameEn }));
