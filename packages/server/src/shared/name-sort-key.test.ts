import { describe, expect, it } from 'vitest';
import { nameSortKey } from './name-sort-key.ts';

/** Sorts as the databases do: the keys' UTF-8 bytes (`collate "C"`), not JavaScript's UTF-16 order. */
const sorted = (names: string[]) =>
  [...names].sort((a, b) => Buffer.compare(Buffer.from(nameSortKey(a)), Buffer.from(nameSortKey(b))));
/** The order holds whichever way the names arrive. */
const expectOrder = (names: string[]) => {
  expect(sorted([...names].reverse())).toEqual(names);
  expect(sorted([...names.slice(1), names[0] as string])).toEqual(names);
};

describe('nameSortKey: Chinese names in pinyin order', () => {
  it('sorts by syllable: 安吉 < 杭州 < 宁波 < 温州, also as company names', () => {
    expectOrder(['安吉', '杭州', '宁波', '温州']);
    expectOrder(['安吉某某医疗器械有限公司', '杭州某某医疗器械有限公司', '宁波某某医疗器械有限公司', '温州某某医疗器械有限公司']);
  });

  it('reads polyphonic characters in context: 长沙 chang, 重庆 chong, 厦门 xia, 银行 hang', () => {
    // Read as zhang / zhong, 长沙 and 重庆 would come after 郑州; 厦门 as sha would come before 西安.
    expectOrder(['长沙市第一医院', '成都某某公司', '重庆某某医疗器械有限公司', '大连', '西安', '厦门大学附属医院', '郑州']);
    // 银行 (yin hang) < 银河 (yin he); read xing it would come after.
    expectOrder(['中国医药集团', '中国银行股份有限公司', '中国银河证券']);
    // 长春 chang chun, not zhang: before 成都.
    expectOrder(['长春', '成都']);
    // 蚌埠 beng bu, after 北京 (bang would come before it); 番禺 pan yu, after 南京 (fan would come before it).
    expectOrder(['北京', '蚌埠医学院第一附属医院', '成都']);
    expectOrder(['南京', '番禺区人民医院', '庞']);
    // 重组 (recombinant) is chong zu, not zhong by 重's default reading: before 大.
    expectOrder(['重组人胰岛素', '大输液', '中药']);
    // 一 by its dictionary tone yi1, not yi2 as said before 次: with 医 (yi1), then by character.
    expectOrder(['一次性使用无菌注射器', '医用外科口罩', '仪器']);
  });

  it('corrects the place names a default reading gets wrong, only where they stand as place names', () => {
    // 乐清市 is yue qing: after 温州 (wen); 乐山 stays le.
    expectOrder(['乐山市人民医院', '温州', '乐清市人民医院']);
    // 快乐清洁 keeps le: before 快速 (kuai su).
    expectOrder(['快乐清洁用品公司', '快速检测']);
  });

  it('puts a character\'s names together, ü after u as in the dictionary, a prefix first', () => {
    expectOrder(['张甲', '张乙', '章丙']);
    expectOrder(['路', '吕', '卵', '略', '论']);
    expectOrder(['安吉', '安吉县', '安庆']);
  });

  it('mixed text: symbols < digits (as numbers) < Latin letters (any case) < Chinese', () => {
    expectOrder(['(北京)某某公司', '3M 中国', '9号仓库', '10号仓库', 'ABC医疗', 'abd医疗', '安吉']);
    expectOrder(['注射器 5ml', '注射器 10ml', '注射器 20ml', '注射器A型']);
    // An accented letter with its base letter, not among the symbols; 〇 as 零 (ling).
    expectOrder(['Drb 监护仪', 'Dré 呼吸机', 'Drf']);
    expectOrder(['二〇二六年批', '二零二七年批', '二期']);
  });

  it('treats full-width letters and digits as their ASCII forms and ignores spaces', () => {
    const strip = (name: string) => nameSortKey(name).split(' ')[0];
    expect(strip('ＡＢＣ医疗')).toBe(strip('ABC医疗'));
    expect(strip('ABC 医疗')).toBe(strip('abc医疗'));
    expect(strip('１２号')).toBe(strip('12号'));
    // Names equal but for that are still ordered, by the name itself.
    expect(sorted(['abc医疗', 'ABC医疗'])).toEqual(['ABC医疗', 'abc医疗']);
  });

  it('puts characters without a reading after those with one', () => {
    expectOrder(['做', '𠀀']);
  });
});
