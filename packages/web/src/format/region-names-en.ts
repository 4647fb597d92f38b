/**
 * English names of the 34 provincial-level divisions, by the first two digits of their GB/T 2260
 * code. The map's GeoJSON names areas in Chinese only; in English mode the map shows these (and,
 * below province level, the region code itself, since no English city table ships with the app).
 */
export const PROVINCE_NAMES_EN: Readonly<Record<string, string>> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia',
  '21': 'Liaoning', '22': 'Jilin', '23': 'Heilongjiang',
  '31': 'Shanghai', '32': 'Jiangsu', '33': 'Zhejiang', '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi', '37': 'Shandong',
  '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong', '45': 'Guangxi', '46': 'Hainan',
  '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan', '54': 'Tibet',
  '61': 'Shaanxi', '62': 'Gansu', '63': 'Qinghai', '64': 'Ningxia', '65': 'Xinjiang',
  '71': 'Taiwan', '81': 'Hong Kong', '82': 'Macao',
};

/**
 * A map area's name in English: a province (xx0000) by the table, anything below by its code.
 * @example regionNameEn('330000') === 'Zhejiang'; regionNameEn('330100') === '330100'
 */
export function regionNameEn(code: string): string {
  if (/^\d{2}0000$/.test(code)) return PROVINCE_NAMES_EN[code.slice(0, 2)] ?? code;
  return code;
}
