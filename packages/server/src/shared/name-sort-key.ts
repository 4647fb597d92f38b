import { createHash } from 'node:crypto';

// Class marks: the first byte of each character's part of the key.
const OTHER = '1';
const DIGIT = '2';
const LATIN = '3';
const HAN = '4';
const UNREAD_HAN = '5';

// The Han characters ranked: CJK Unified Ideographs Extension A (U+3400–U+4DBF) and the main block (U+4E00–U+9FFF).
const FIRST_HAN = 0x3400;
const LAST_HAN = 0x9fff;

/*
 * Polyphones read by their default reading where names mean another: each phrase is ranked as a
 * stand-in with the intended reading (长沙 as 常沙: chang, not zhang). Place names keep their 市 / 区 / 县
 * where the bare phrase would match inside other words (乐清 in 快乐清洁).
 */
const READ_AS: Readonly<Record<string, string>> = {
  长沙: '常沙', 长春: '常春', 长治: '常治', 长兴: '常兴', 长宁: '常宁', 长安: '常安', 长江: '常江', 长城: '常城', 长效: '常效', 长期: '常期',
  〇: '零', 重庆: '虫庆', 重组: '虫组', 厦门: '夏门', 蚌埠: '崩埠', 番禺: '潘禺',
  银行: '银航', 行业: '航业', 乐清市: '月清市', 六合区: '路合区', 黄陂区: '黄皮区', 单县: '善县', 洪洞县: '洪同县',
};
const READ_AS_PATTERN = new RegExp(Object.keys(READ_AS).join('|'), 'gu');

/** Bump when the rules of nameSortKey change: stored keys made by other rules are then made again. */
const RULES = 2;

/**
 * What the stored keys depend on besides the name: the rules, Node's ICU data (a Node upgrade may
 * move characters in the collation) and the corrections. Startup re-keys every name when it differs
 * from the one the stored keys were made with (backfillNameSortKeys).
 */
export const NAME_SORT_KEY_VERSION = `${RULES}/icu-${process.versions.icu ?? 'none'}/${createHash('sha256').update(JSON.stringify(READ_AS)).digest('hex').slice(0, 12)}`;

let hanRanks: Uint16Array | undefined;

/**
 * Each Han character's place in pinyin order, as ICU's Chinese collation (pinyin by default, built
 * into Node) sorts them: syllable, tone, then a fixed order within a reading. Built once on first
 * use (about 60 ms); 55 KB, where a pinyin dictionary library costs about 40 MB of the server's memory.
 */
function hanRank(code: number): number | undefined {
  if (code < FIRST_HAN || code > LAST_HAN) return undefined;
  if (!hanRanks) {
    const chars: string[] = [];
    for (let c = FIRST_HAN; c <= LAST_HAN; c++) chars.push(String.fromCharCode(c));
    chars.sort(new Intl.Collator('zh-u-co-pinyin').compare);
    hanRanks = new Uint16Array(LAST_HAN - FIRST_HAN + 1);
    chars.forEach((ch, rank) => {
      (hanRanks as Uint16Array)[ch.charCodeAt(0) - FIRST_HAN] = rank;
    });
  }
  return hanRanks[code - FIRST_HAN];
}

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
 * - a Chinese character compares by its place in pinyin order (hanRank: syllable, ü just after u as in
 *   the dictionary, tone, then a fixed order within a reading, so one character's names stay together),
 *   read by its default reading (重 zhong, 长 zhang) except in the phrases READ_AS corrects (重庆 chong, 长沙 chang);
 *   characters outside the ranked blocks (CJK extension B and beyond) come after all ranked ones;
 * - names equal by all that (ABC / abc, 05 / 5) are ordered by the name itself.
 *
 * Changing these rules (bump RULES), the corrections or Node's ICU version changes NAME_SORT_KEY_VERSION,
 * and the next start makes every stored key again (`backfillNameSortKeys`).
 */
export function nameSortKey(name: string): string {
  const text = name.normalize('NFKC').replace(READ_AS_PATTERN, (phrase) => READ_AS[phrase] ?? phrase);
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
  for (const ch of text) {
    const rank = hanRank(ch.codePointAt(0) ?? 0);
    if (rank !== undefined) {
      flushDigits();
      // Fixed-width hex compares byte-wise in rank order.
      key += `${HAN}${rank.toString(16).padStart(4, '0')}`;
      continue;
    }
    if (ch >= '0' && ch <= '9') {
      digits += ch;
      continue;
    }
    flushDigits();
    if (/\s/u.test(ch)) continue;
    // Accented Latin letters sort with their base letter (É with e).
    const letter = ch.normalize('NFD').replace(/\p{M}/gu, '');
    if (/^[a-z]$/i.test(letter)) key += `${LATIN}${letter.toLowerCase()}`;
    else if (/\p{Script=Han}/u.test(ch)) key += `${UNREAD_HAN}${ch}`;
    else key += `${OTHER}${ch}`;
  }
  flushDigits();
  // The separator sorts below every class mark, so a name that is a prefix of another comes first.
  return `${key} ${name}`;
}
