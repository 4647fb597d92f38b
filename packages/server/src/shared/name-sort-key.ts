import { customPinyin, pinyin } from 'pinyin-pro';

// Class marks: the first byte of each character's part of the key.
const OTHER = '1';
const DIGIT = '2';
const LATIN = '3';
const HAN = '4';
const UNREAD_HAN = '5';

/** One syllable with its tone number (0 = neutral), as pinyin-pro writes it with `toneType: 'num'`. */
const READING = /^([a-zü]+)([0-4])$/;

/*
 * Words that pinyin-pro reads wrongly. Polyphones in general are read in context by its phrase
 * dictionary; this list only corrects what it gets wrong in names of organisations and devices:
 * 重组 (recombinant, as in 重组人胰岛素) is chong, and place names are written with their 市 / 区 / 县
 * so that they cannot match inside other words (乐清 alone would turn 快乐清洁 into kuai yue qing jie).
 */
customPinyin({
  重组: 'chóng zǔ',
  乐清市: 'yuè qīng shì',
  六合区: 'lù hé qū',
  黄陂区: 'huáng pí qū',
  洪洞县: 'hóng tóng xiàn',
  乐亭县: 'lào tíng xiàn',
  涡阳县: 'guō yáng xiàn',
  筠连县: 'jūn lián xiàn',
  尉犁县: 'yù lí xiàn',
});

/**
 * The stored sort key of a Chinese name (`organizations.name_sort`, `products.name_sort`), so that
 * lists sorted by name come out in pinyin order (安吉 < 杭州 < 宁波), as in Excel and every Chinese
 * app. PostgreSQL could sort by `convert_to(name, 'GBK')` or a zh ICU collation, but PGlite has
 * neither: the key is computed here at write time and compared byte-wise (`collate "C"`), so both
 * databases sort alike.
 *
 * Rules, character by character (the first difference decides):
 * - whitespace is ignored; text is NFKC-normalised first, so full-width ＡＢＣ１２ count as ABC12;
 * - punctuation, symbols and other scripts < digits < Latin letters < Chinese characters, the order of
 *   Excel, ICU and GBK: "(北京)…" < "3M 中国" < "ABC医疗" < "安吉…" (Latin names are not mixed in among
 *   the pinyin: a regulator scanning for 安吉 expects the Chinese names together);
 * - a run of digits compares as a number: 5ml < 10ml < 20ml;
 * - Latin letters ignore case;
 * - a Chinese character compares by its syllable in context (pinyin-pro reads 重庆 chong qing, 长沙
 *   chang sha, 银行 yin hang), ü just after u (lu < lü < luan < lüe, as in the dictionary and GB 2312),
 *   then by its dictionary tone (not 一 / 不 as changed in speech; neutral last), then by code point,
 *   so one character's names stay together; characters without a reading come after all that have one;
 * - names equal by all that (ABC / abc, 05 / 5) are ordered by the name itself.
 *
 * Changing these rules or the dictionary changes keys already stored: ship it with a migration that
 * sets `name_sort = null`, and startup (`backfillNameSortKeys`) fills them again.
 */
export function nameSortKey(name: string): string {
  const text = name.normalize('NFKC');
  let key = '';
  let digits = '';
  const flushDigits = () => {
    if (!digits) return;
    // Numbers compare by length, then digits; a run longer than 99 digits goes as several.
    const value = digits.replace(/^0+/, '');
    for (let i = 0; i < value.length || i === 0; i += 99) {
      const part = value.slice(i, i + 99);
      key += `${DIGIT}${String(part.length).padStart(2, '0')}${part}`;
    }
    digits = '';
  };
  for (const item of pinyin(text, { type: 'all', toneType: 'num', toneSandhi: false })) {
    const reading = item.isZh ? READING.exec(item.pinyin) : null;
    if (reading) {
      flushDigits();
      const [, syllable = '', tone = ''] = reading;
      // The tone digit (and the ü flag before it) ends the syllable: digits sort below letters, so an < ang.
      key += `${HAN}${syllable.replace('ü', 'u')}${syllable.includes('ü') ? '1' : '0'}${tone === '0' ? '5' : tone}${item.origin}`;
      continue;
    }
    for (const ch of item.origin) {
      if (ch >= '0' && ch <= '9') {
        digits += ch;
        continue;
      }
      flushDigits();
      if (/\s/u.test(ch)) continue;
      if (/^[a-z]$/i.test(ch)) key += `${LATIN}${ch.toLowerCase()}`;
      else if (/\p{Script=Han}/u.test(ch)) key += `${UNREAD_HAN}${ch}`;
      else key += `${OTHER}${ch}`;
    }
  }
  flushDigits();
  // The separator sorts below every class mark, so a name that is a prefix of another comes first.
  return `${key} ${name}`;
}
