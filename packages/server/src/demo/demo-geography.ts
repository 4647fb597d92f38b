/**
 * The demo world's map: three provinces, their regulators and the cities and counties where the
 * fictional companies and hospitals sit. Region codes are real GB/T 2260 codes.
 */
export interface DemoCity {
  code: string;
  name: string;
  /** One-character abbreviation used in class I filing numbers (浙杭械备…). */
  abbr: string;
  counties: { code: string; name: string; rural: boolean }[];
}

export interface DemoProvince {
  code: string;
  name: string;
  abbr: string;
  regulator: string;
  cities: DemoCity[];
}

export const DEMO_PROVINCES: DemoProvince[] = [
  {
    code: '330000', name: '浙江省', abbr: '浙', regulator: '浙江省药品监督管理局',
    cities: [
      { code: '330100', name: '杭州市', abbr: '杭', counties: [
        { code: '330106', name: '西湖区', rural: false }, { code: '330108', name: '滨江区', rural: false }, { code: '330110', name: '余杭区', rural: false },
        { code: '330109', name: '萧山区', rural: false }, { code: '330122', name: '桐庐县', rural: true }, { code: '330127', name: '淳安县', rural: true } ] },
      { code: '330200', name: '宁波市', abbr: '甬', counties: [
        { code: '330212', name: '鄞州区', rural: false }, { code: '330206', name: '北仑区', rural: false }, { code: '330225', name: '象山县', rural: true }, { code: '330226', name: '宁海县', rural: true } ] },
      { code: '330500', name: '湖州市', abbr: '湖', counties: [
        { code: '330502', name: '吴兴区', rural: false }, { code: '330522', name: '长兴县', rural: true }, { code: '330523', name: '安吉县', rural: true } ] },
    ],
  },
  {
    code: '320000', name: '江苏省', abbr: '苏', regulator: '江苏省药品监督管理局',
    cities: [
      { code: '320100', name: '南京市', abbr: '宁', counties: [
        { code: '320102', name: '玄武区', rural: false }, { code: '320115', name: '江宁区', rural: false }, { code: '320118', name: '高淳区', rural: true } ] },
      { code: '320500', name: '苏州市', abbr: '苏', counties: [
        { code: '320576', name: '苏州工业园区', rural: false }, { code: '320506', name: '吴中区', rural: false }, { code: '320583', name: '昆山市', rural: false }, { code: '320585', name: '太仓市', rural: true } ] },
    ],
  },
  {
    code: '440000', name: '广东省', abbr: '粤', regulator: '广东省药品监督管理局',
    cities: [
      { code: '440100', name: '广州市', abbr: '穗', counties: [
        { code: '440106', name: '天河区', rural: false }, { code: '440112', name: '黄埔区', rural: false }, { code: '440117', name: '从化区', rural: true } ] },
      { code: '440300', name: '深圳市', abbr: '深', counties: [
        { code: '440305', name: '南山区', rural: false }, { code: '440306', name: '宝安区', rural: false }, { code: '440310', name: '坪山区', rural: false } ] },
      { code: '440600', name: '佛山市', abbr: '佛', counties: [
        { code: '440605', name: '南海区', rural: false }, { code: '440606', name: '顺德区', rural: false }, { code: '440608', name: '高明区', rural: true } ] },
    ],
  },
];

export const ALL_DEMO_CITIES = DEMO_PROVINCES.flatMap((p) => p.cities.map((c) => ({ ...c, province: p })));
