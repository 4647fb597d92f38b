import { fail, ok, type Result } from '../errors.ts';

/**
 * China's medical-device registration certificate numbers and class I filing numbers
 * (医疗器械注册证编号 / 备案编号, NMPA Order No. 47 of 2021, art. 119 and 122):
 *   registration: 国械注准20193140001 — issuer (国 or a province's one-character abbreviation) + 械注 +
 *                 type (准 domestic, 进 imported, 许 Hong Kong / Macao / Taiwan) + year (4) + class (1) +
 *                 category (2) + serial (4);
 *   filing:       浙杭械备20200012号 — province + city abbreviation + 械备 + year (4) + serial (4) + 号;
 *                 imported class I: 国械备20200012号.
 * The abbreviations table is data because provinces are added to it when numbering rules change (DOMAIN.md "(check)").
 */
export const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  京: '110000', 津: '120000', 冀: '130000', 晋: '140000', 蒙: '150000', 辽: '210000', 吉: '220000', 黑: '230000',
  沪: '310000', 苏: '320000', 浙: '330000', 皖: '340000', 闽: '350000', 赣: '360000', 鲁: '370000', 豫: '410000',
  鄂: '420000', 湘: '430000', 粤: '440000', 桂: '450000', 琼: '460000', 渝: '500000', 川: '510000', 贵: '520000',
  云: '530000', 藏: '540000', 陕: '610000', 甘: '620000', 青: '630000', 宁: '640000', 新: '650000',
};

export type RegistrationKind = 'registration' | 'filing';

export interface RegistrationNumber {
  number: string;
  kind: RegistrationKind;
  /** '国' for national, otherwise the province abbreviation. */
  issuer: string;
  /** GB/T 2260 code of the issuing province, null for national. */
  issuerRegionCode: string | null;
  /** 准 domestic, 进 imported, 许 HK/Macao/Taiwan; null for filings. */
  origin: '准' | '进' | '许' | null;
  year: number;
  managementClass: 1 | 2 | 3;
  /** Two-digit category of the classification catalogue (01–22) or IVD reagents' 40; null for filings. */
  categoryCode: string | null;
  serial: string;
}

const REGISTRATION = /^(国|.)械注(准|进|许)(\d{4})([1-3])(\d{2})(\d{4})$/u;
const FILING = /^(国|.)(.?)械备(\d{4})(\d{4,5})号?$/u;

/**
 * Parses a registration or filing number. @example parseRegistrationNumber('国械注准20193140001')
 */
export function parseRegistrationNumber(input: string): Result<RegistrationNumber> {
  const number = input.trim();
  const reg = REGISTRATION.exec(number);
  if (reg) {
    const [, issuer = '', origin, year, cls, category = '', serial = ''] = reg;
    if (issuer !== '国' && !PROVINCE_ABBREVIATIONS[issuer]) {
      return fail({ code: 'registration_number.issuer', params: { issuer } });
    }
    const managementClass = Number(cls) as 1 | 2 | 3;
    if (managementClass === 1) return fail({ code: 'registration_number.class_one_registered', params: { number } });
    if (issuer !== '国' && managementClass === 3) {
      return fail({ code: 'registration_number.class_three_provincial', params: { number, issuer } });
    }
    const categoryNumber = Number(category);
    if (!((categoryNumber >= 1 && categoryNumber <= 22) || categoryNumber === 40)) {
      return fail({ code: 'registration_number.category', params: { category } });
    }
    const y = Number(year);
    if (y < 2000 || y > 2100) return fail({ code: 'registration_number.year', params: { year: y } });
    return ok({
      number, kind: 'registration', issuer, issuerRegionCode: PROVINCE_ABBREVIATIONS[issuer] ?? null,
      origin: origin as '准' | '进' | '许', year: y, managementClass, categoryCode: category, serial,
    });
  }
  const filing = FILING.exec(number);
  if (filing) {
    const [, issuer = '', , year, serial = ''] = filing;
    if (issuer !== '国' && !PROVINCE_ABBREVIATIONS[issuer]) {
      return fail({ code: 'registration_number.issuer', params: { issuer } });
    }
    return ok({
      number, kind: 'filing', issuer, issuerRegionCode: PROVINCE_ABBREVIATIONS[issuer] ?? null,
      origin: null, year: Number(year), managementClass: 1, categoryCode: null, serial,
    });
  }
  return fail({ code: 'registration_number.format', params: { number } });
}
