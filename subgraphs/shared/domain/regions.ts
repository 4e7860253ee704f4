/**
 * The administrative divisions the product knows, with their GB/T 2260 codes. Every province-level
 * division is here, and every city and county DOMAIN.md names or the demo data draws workers and
 * employers from. Input region codes are validated against this list; extend it (code, Chinese name,
 * English name) when a partner province needs more.
 *
 * Codes: `XX0000` province, `XXXX00` prefecture-level city, otherwise county. The four
 * municipalities (Beijing, Tianjin, Shanghai, Chongqing) have no prefecture level: their counties
 * hang directly under the province.
 */
const DIVISIONS: readonly (readonly [code: string, name: string, nameEn: string])[] = [
  ['110000', '北京市', 'Beijing'],
  ['120000', '天津市', 'Tianjin'],
  ['130000', '河北省', 'Hebei'],
  ['140000', '山西省', 'Shanxi'],
  ['150000', '内蒙古自治区', 'Inner Mongolia'],
  ['210000', '辽宁省', 'Liaoning'],
  ['220000', '吉林省', 'Jilin'],
  ['230000', '黑龙江省', 'Heilongjiang'],
  ['310000', '上海市', 'Shanghai'],
  ['320000', '江苏省', 'Jiangsu'],
  ['330000', '浙江省', 'Zhejiang'],
  ['340000', '安徽省', 'Anhui'],
  ['350000', '福建省', 'Fujian'],
  ['360000', '江西省', 'Jiangxi'],
  ['370000', '山东省', 'Shandong'],
  ['410000', '河南省', 'Henan'],
  ['420000', '湖北省', 'Hubei'],
  ['430000', '湖南省', 'Hunan'],
  ['440000', '广东省', 'Guangdong'],
  ['450000', '广西壮族自治区', 'Guangxi'],
  ['460000', '海南省', 'Hainan'],
  ['500000', '重庆市', 'Chongqing'],
  ['510000', '四川省', 'Sichuan'],
  ['520000', '贵州省', 'Guizhou'],
  ['530000', '云南省', 'Yunnan'],
  ['540000', '西藏自治区', 'Tibet'],
  ['610000', '陕西省', 'Shaanxi'],
  ['620000', '甘肃省', 'Gansu'],
  ['630000', '青海省', 'Qinghai'],
  ['640000', '宁夏回族自治区', 'Ningxia'],
  ['650000', '新疆维吾尔自治区', 'Xinjiang'],
  ['710000', '台湾省', 'Taiwan'],
  ['810000', '香港特别行政区', 'Hong Kong'],
  ['820000', '澳门特别行政区', 'Macao'],

  // Hebei: cities paired with poor counties (intra-province cooperation).
  ['130100', '石家庄市', 'Shijiazhuang'],
  ['130129', '赞皇县', "Zanhuang County"],
  ['130131', '平山县', "Pingshan County"],
  ['130200', '唐山市', 'Tangshan'],
  ['130300', '秦皇岛市', "Qinhuangdao"],
  ['130321', '青龙满族自治县', "Qinglong County"],
  ['130400', '邯郸市', "Handan"],
  ['130434', '魏县', "Wei County"],
  ['130500', '邢台市', "Xingtai"],
  ['130529', '巨鹿县', "Julu County"],
  ['130531', '广宗县', "Guangzong County"],
  ['130600', '保定市', 'Baoding'],
  ['130624', '阜平县', "Fuping County"],
  ['130630', '涞源县', "Laiyuan County"],
  ['130634', '曲阳县', "Quyang County"],
  ['130700', '张家口市', 'Zhangjiakou'],
  ['130722', '张北县', 'Zhangbei County'],
  ['130723', '康保县', 'Kangbao County'],
  ['130724', '沽源县', 'Guyuan County'],
  ['130725', '尚义县', 'Shangyi County'],
  ['130726', '蔚县', "Yu County"],
  ['130727', '阳原县', "Yangyuan County"],
  ['130728', '怀安县', "Huai'an County"],
  ['130732', '赤城县', "Chicheng County"],
  ['130800', '承德市', 'Chengde'],
  ['130821', '承德县', "Chengde County"],
  ['130825', '隆化县', "Longhua County"],
  ['130826', '丰宁满族自治县', "Fengning County"],
  ['130828', '围场满族蒙古族自治县', 'Weichang County'],
  ['130900', '沧州市', "Cangzhou"],
  ['131000', '廊坊市', "Langfang"],
  ['131100', '衡水市', "Hengshui"],
  ['131123', '武强县', "Wuqiang County"],

  // Shanxi: the "employee system" pilot's sending counties.
  ['140100', '太原市', 'Taiyuan'],
  ['140900', '忻州市', 'Xinzhou'],
  ['140922', '五台县', 'Wutai County'],
  ['140926', '静乐县', "Jingle County"],
  ['140927', '神池县', "Shenchi County"],
  ['140928', '五寨县', "Wuzhai County"],
  ['140929', '岢岚县', 'Kelan County'],
  ['140932', '偏关县', 'Pianguan County'],
  ['141100', '吕梁市', 'Lüliang'],
  ['141123', '兴县', 'Xing County'],
  ['141124', '临县', 'Lin County'],
  ['141126', '石楼县', 'Shilou County'],
  ['141127', '岚县', 'Lan County'],
  ['141128', '方山县', "Fangshan County"],
  ['141129', '中阳县', "Zhongyang County"],

  // Receiving provinces of east–west cooperation. Shandong's 212 fair employers came from 14 of
  // its cities and Zhejiang runs cooperation at province, city and county level: all their
  // prefecture-level cities are here (Laiwu, 371200, merged into Jinan in 2019, is left out).
  ['320100', '南京市', 'Nanjing'],
  ['320500', '苏州市', 'Suzhou'],
  ['330100', '杭州市', 'Hangzhou'],
  ['330200', '宁波市', 'Ningbo'],
  ['330300', '温州市', 'Wenzhou'],
  ['330400', '嘉兴市', 'Jiaxing'],
  ['330500', '湖州市', 'Huzhou'],
  ['330600', '绍兴市', 'Shaoxing'],
  ['330700', '金华市', 'Jinhua'],
  ['330800', '衢州市', 'Quzhou'],
  ['330900', '舟山市', 'Zhoushan'],
  ['331000', '台州市', 'Taizhou'],
  ['331100', '丽水市', 'Lishui'],
  ['370100', '济南市', 'Jinan'],
  ['370200', '青岛市', 'Qingdao'],
  ['370300', '淄博市', 'Zibo'],
  ['370400', '枣庄市', 'Zaozhuang'],
  ['370500', '东营市', 'Dongying'],
  ['370600', '烟台市', 'Yantai'],
  ['370700', '潍坊市', 'Weifang'],
  ['370800', '济宁市', 'Jining'],
  ['370900', '泰安市', "Tai'an"],
  ['371000', '威海市', 'Weihai'],
  ['371100', '日照市', 'Rizhao'],
  ['371300', '临沂市', 'Linyi'],
  ['371400', '德州市', 'Dezhou'],
  ['371500', '聊城市', 'Liaocheng'],
  ['371600', '滨州市', 'Binzhou'],
  ['371700', '菏泽市', 'Heze'],
  ['440100', '广州市', 'Guangzhou'],
  ['440300', '深圳市', 'Shenzhen'],
  ['441900', '东莞市', "Dongguan"],

  // Hubei: Wuhan, Yichang and Xiaogan and the poor counties they are paired with.
  ['420100', '武汉市', 'Wuhan'],
  ['420200', '黄石市', "Huangshi"],
  ['420300', '十堰市', 'Shiyan'],
  ['420322', '郧西县', 'Yunxi County'],
  ['420323', '竹山县', "Zhushan County"],
  ['420324', '竹溪县', "Zhuxi County"],
  ['420325', '房县', "Fang County"],
  ['420381', '丹江口市', "Danjiangkou"],
  ['420500', '宜昌市', 'Yichang'],
  ['420525', '远安县', "Yuan'an County"],
  ['420526', '兴山县', 'Xingshan County'],
  ['420527', '秭归县', 'Zigui County'],
  ['420528', '长阳土家族自治县', 'Changyang County'],
  ['420529', '五峰土家族自治县', 'Wufeng County'],
  ['420600', '襄阳市', "Xiangyang"],
  ['420700', '鄂州市', "Ezhou"],
  ['420800', '荆门市', "Jingmen"],
  ['420900', '孝感市', 'Xiaogan'],
  ['421000', '荆州市', "Jingzhou"],
  ['421100', '黄冈市', "Huanggang"],
  ['421121', '团风县', "Tuanfeng County"],
  ['421122', '红安县', "Hong'an County"],
  ['421123', '罗田县', "Luotian County"],
  ['421124', '英山县', "Yingshan County"],
  ['421126', '蕲春县', "Qichun County"],
  ['421181', '麻城市', "Macheng"],
  ['421200', '咸宁市', "Xianning"],
  ['422800', '恩施土家族苗族自治州', 'Enshi Prefecture'],
  ['422801', '恩施市', 'Enshi'],
  ['422802', '利川市', 'Lichuan'],
  ['422822', '建始县', 'Jianshi County'],
  ['422823', '巴东县', "Badong County"],
  ['422825', '宣恩县', "Xuan'en County"],
  ['422826', '咸丰县', "Xianfeng County"],
  ['422827', '来凤县', "Laifeng County"],
  ['422828', '鹤峰县', "Hefeng County"],

  // Chongqing: Fengdu, the national-level poor county of the Chongqing–Shandong fair.
  ['500230', '丰都县', 'Fengdu County'],
  ['500233', '忠县', 'Zhong County'],
  ['500235', '云阳县', 'Yunyang County'],
  ['500236', '奉节县', 'Fengjie County'],
  ['500237', '巫山县', 'Wushan County'],
  ['500238', '巫溪县', 'Wuxi County'],

  // Sichuan: Liangshan, the sending side of Zhejiang–Sichuan cooperation.
  ['510100', '成都市', 'Chengdu'],
  ['513400', '凉山彝族自治州', 'Liangshan Prefecture'],
  ['513428', '普格县', 'Puge County'],
  ['513429', '布拖县', "Butuo County"],
  ['513430', '金阳县', 'Jinyang County'],
  ['513431', '昭觉县', 'Zhaojue County'],
  ['513432', '喜德县', 'Xide County'],
  ['513434', '越西县', "Yuexi County"],
  ['513435', '甘洛县', "Ganluo County"],
  ['513436', '美姑县', 'Meigu County'],
  ['513437', '雷波县', "Leibo County"],

  // Yunnan: counties running labor service workstations outside the province.
  ['530100', '昆明市', 'Kunming'],
  ['530300', '曲靖市', "Qujing"],
  ['530326', '会泽县', "Huize County"],
  ['530600', '昭通市', 'Zhaotong'],
  ['530621', '鲁甸县', 'Ludian County'],
  ['530622', '巧家县', 'Qiaojia County'],
  ['530623', '盐津县', "Yanjin County"],
  ['530624', '大关县', 'Daguan County'],
  ['530625', '永善县', "Yongshan County"],
  ['530626', '绥江县', "Suijiang County"],
  ['530627', '镇雄县', "Zhenxiong County"],
  ['530628', '彝良县', 'Yiliang County'],
  ['530629', '威信县', "Weixin County"],
  ['532500', '红河哈尼族彝族自治州', "Honghe Prefecture"],
  ['532523', '屏边苗族自治县', "Pingbian County"],
  ['532528', '元阳县', "Yuanyang County"],
  ['532529', '红河县', "Honghe County"],
  ['532530', '金平苗族瑶族傣族自治县', "Jinping County"],
  ['532531', '绿春县', "Lüchun County"],
  ['532600', '文山壮族苗族自治州', "Wenshan Prefecture"],
  ['532622', '砚山县', "Yanshan County"],
  ['532623', '西畴县', "Xichou County"],
  ['532624', '麻栗坡县', "Malipo County"],
  ['532625', '马关县', "Maguan County"],
  ['532626', '丘北县', "Qiubei County"],
  ['532627', '广南县', "Guangnan County"],
  ['532628', '富宁县', "Funing County"],
  ['533300', '怒江傈僳族自治州', "Nujiang Prefecture"],
  ['533301', '泸水市', "Lushui"],
  ['533323', '福贡县', "Fugong County"],
  ['533324', '贡山独龙族怒族自治县', "Gongshan County"],
  ['533325', '兰坪白族普米族自治县', "Lanping County"],

  // Shaanxi: the sending side of Shaanxi–Jiangsu cooperation.
  ['610100', '西安市', "Xi'an"],
  ['610900', '安康市', 'Ankang'],
  ['610924', '紫阳县', 'Ziyang County'],
  ['610925', '岚皋县', 'Langao County'],
  ['611000', '商洛市', 'Shangluo'],
  ['611022', '丹凤县', 'Danfeng County'],
  ['611024', '山阳县', 'Shanyang County'],
];

export interface Division {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

/** A resolved region: the division a code names and the divisions above it. */
export interface RegionRecord {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly province: Division;
  readonly city: Division | null;
  readonly county: Division | null;
}

const byCode = new Map<string, Division>(DIVISIONS.map(([code, name, nameEn]) => [code, { code, name, nameEn }]));

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

export const provinceCodeOf = (code: string) => `${code.slice(0, 2)}0000`;
const cityCodeOf = (code: string) => `${code.slice(0, 4)}00`;

/** The region a GB/T 2260 code names, or null when the code is not one the product knows. */
export function findRegion(code: string): RegionRecord | null {
  if (!/^\d{6}$/.test(code)) return null;
  const division = byCode.get(code);
  const province = byCode.get(provinceCodeOf(code));
  if (!division || !province) return null;
  const isProvince = code === province.code;
  const isCity = !isProvince && code.endsWith('00');
  const city = isProvince ? null : isCity ? division : (byCode.get(cityCodeOf(code)) ?? null);
  if (!isProvince && !isCity && !city && !MUNICIPALITIES.has(province.code)) {
    // A county whose city is missing from the list: a gap in the list, not bad input.
    throw new Error(`Region list has county ${code} without its city ${cityCodeOf(code)}.`);
  }
  return { ...division, province, city, county: isProvince || isCity ? null : division };
}

/** The region of a code read back from storage. Codes were validated on the way in, so a miss is corrupted data, not the caller's mistake. */
export function storedRegion(code: string): RegionRecord {
  const region = findRegion(code);
  if (!region) throw new Error(`Stored region code ${code} is not in the region list.`);
  return region;
}

export const isProvinceCode = (code: string) => /^\d{2}0000$/.test(code) && byCode.has(code);
export const isCountyCode = (code: string) => (findRegion(code)?.county ?? null) !== null;

export const allDivisions = (): readonly Division[] => [...byCode.values()];
