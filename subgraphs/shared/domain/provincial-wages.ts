/**
 * The reference wage that job matching measures a posting's uplift against: the 2017 average annual
 * wage of persons employed in urban non-private units (城镇非私营单位就业人员年平均工资), by province,
 * in yuan, as published by the National Bureau of Statistics (NBS release of 2018-05-15; China
 * Statistical Yearbook 2018, "Average Wage of Employed Persons in Urban Non-private Units by Region").
 * 2017 is the year of the article the demo data comes from. Cross-checked against that release's
 * commentary: national 74,318; highest Beijing 131,700; lowest Henan 55,495; eight provinces above
 * the national figure; the top nine six eastern and three western; Yunnan 13th; Chongqing 70,889.
 *
 * Why this table and what it cannot show: it is the only official per-province wage series that
 * covers every sending province. It averages all industries and all ranks, so it is well above
 * what a newly hired manufacturing worker earns; Chongqing's figure is even above Shandong's. The
 * article's "about 1,000 yuan above similar jobs in Chongqing" compares like with like (the same
 * jobs), which no per-province all-industry average can reproduce: uplift here answers "how does
 * this job pay against the typical wage at home", not "against the same job at home".
 */
export const AVERAGE_ANNUAL_WAGE_2017_YUAN: Readonly<Record<string, number>> = {
  '110000': 131_700, // Beijing
  '120000': 94_534, // Tianjin
  '130000': 63_036, // Hebei
  '140000': 60_061, // Shanxi
  '150000': 66_679, // Inner Mongolia
  '210000': 61_153, // Liaoning
  '220000': 61_451, // Jilin
  '230000': 56_067, // Heilongjiang
  '310000': 129_795, // Shanghai
  '320000': 78_267, // Jiangsu
  '330000': 80_750, // Zhejiang
  '340000': 65_150, // Anhui
  '350000': 67_420, // Fujian
  '360000': 61_429, // Jiangxi
  '370000': 68_081, // Shandong
  '410000': 55_495, // Henan
  '420000': 65_912, // Hubei
  '430000': 63_690, // Hunan
  '440000': 79_183, // Guangdong
  '450000': 63_821, // Guangxi
  '460000': 67_727, // Hainan
  '500000': 70_889, // Chongqing
  '510000': 69_419, // Sichuan
  '520000': 71_795, // Guizhou
  '530000': 69_106, // Yunnan
  '540000': 115_549, // Tibet
  '610000': 65_181, // Shaanxi
  '620000': 63_374, // Gansu
  '630000': 75_701, // Qinghai
  '640000': 70_298, // Ningxia
  '650000': 67_932, // Xinjiang
};

export const NATIONAL_AVERAGE_ANNUAL_WAGE_2017_YUAN = 74_318;

/**
 * Average monthly wage (annual / 12, rounded to the yuan) of a province, or null for the divisions
 * the NBS series does not cover (Hong Kong, Macao, Taiwan).
 */
export function averageMonthlyWageYuan(provinceCode: string): number | null {
  const annual = AVERAGE_ANNUAL_WAGE_2017_YUAN[provinceCode];
  return annual === undefined ? null : Math.round(annual / 12);
}
