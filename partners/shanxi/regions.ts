/**
 * The administrative divisions this service names (GB/T 2260): Shanxi's pilot counties and their
 * cities, where the labor-service companies are, and the provinces its workers are placed in. The
 * service's own data: it answers `Region` values for its companies and contracts without asking
 * anyone. Add a division here when a company or workplace needs it (code, Chinese name, English
 * name); the core's list is the reference the names must agree with.
 *
 * Codes: `XX0000` province, `XXXX00` prefecture-level city, otherwise county. Beijing and Tianjin
 * are municipalities: no city level.
 */
const DIVISIONS: readonly (readonly [code: string, name: string, nameEn: string])[] = [
  ['110000', '北京市', 'Beijing'],
  ['120000', '天津市', 'Tianjin'],
  ['130000', '河北省', 'Hebei'],
  ['140000', '山西省', 'Shanxi'],
  ['140100', '太原市', 'Taiyuan'],
  ['140900', '忻州市', 'Xinzhou'],
  ['140922', '五台县', 'Wutai County'],
  ['140926', '静乐县', 'Jingle County'],
  ['140927', '神池县', 'Shenchi County'],
  ['140928', '五寨县', 'Wuzhai County'],
  ['140929', '岢岚县', 'Kelan County'],
  ['140932', '偏关县', 'Pianguan County'],
  ['141100', '吕梁市', 'Lüliang'],
  ['141123', '兴县', 'Xing County'],
  ['141124', '临县', 'Lin County'],
  ['141126', '石楼县', 'Shilou County'],
  ['141127', '岚县', 'Lan County'],
  ['141128', '方山县', 'Fangshan County'],
  ['141129', '中阳县', 'Zhongyang County'],
];

const MUNICIPALITIES = new Set(['110000', '120000']);

export interface Division {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

/** A `Region` value of the schema: the division a code names and the divisions above it. */
export interface RegionRecord {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly province: Division;
  readonly city: Division | null;
  readonly county: Division | null;
}

const byCode = new Map<string, Division>(DIVISIONS.map(([code, name, nameEn]) => [code, { code, name, nameEn }]));

/** The region a code names, or null when it is not one of this service's divisions. */
export function findRegion(code: string): RegionRecord | null {
  if (!/^\d{6}$/.test(code)) return null;
  const division = byCode.get(code);
  const province = byCode.get(`${code.slice(0, 2)}0000`);
  if (!division || !province) return null;
  const isProvince = code === province.code;
  const isCity = !isProvince && code.endsWith('00');
  const city = isProvince ? null : isCity ? division : (byCode.get(`${code.slice(0, 4)}00`) ?? null);
  if (!isProvince && !isCity && !city && !MUNICIPALITIES.has(province.code)) {
    throw new Error(`Region list has county ${code} without its city ${code.slice(0, 4)}00.`);
  }
  return { ...division, province, city, county: isProvince || isCity ? null : division };
}

export const divisionCodes = (): string[] => [...byCode.keys()];
