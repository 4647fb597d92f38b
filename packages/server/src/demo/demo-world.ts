import { buildCreditCode, CREDIT_CODE_ALPHABET, withGs1CheckDigit } from '@lianjian/core';
import type { LicenseKind, OrganizationType, RegulatorLevel, Role } from '../db/schema.ts';
import { ALL_DEMO_CITIES, DEMO_PROVINCES, type DemoProvince } from './demo-geography.ts';
import { COMPANY_WORDS, DEVICE_FAMILIES, DISTRIBUTOR_SUFFIXES, HOSPITAL_PATTERNS, PERSON_GIVEN, PERSON_SURNAMES, TOWNS, type DeviceFamily } from './demo-catalogue.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * A deterministic, fictional world for demos and tests: the same seed and reference date give the
 * same world. Dates are relative to the reference date so "expires soon" stays true whenever it runs.
 * Company names, people and GS1 company prefixes (699xxxx) are invented.
 */
export interface DemoOrganization {
  key: string;
  type: OrganizationType;
  name: string;
  creditCode: string | null;
  regionCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
  gs1CompanyPrefix: string | null;
  gln: string | null;
  institutionGrade: string | null;
  rural: boolean;
  locations: { name: string; kind: 'plant' | 'warehouse' | 'office' | 'pharmacy' | 'department' | 'clinic'; gln: string }[];
  licenses: { kind: LicenseKind; number: string; scopeClasses: number[]; scopeCategories: string[]; issuer: string; validFrom: string; validTo: string | null }[];
}

export interface DemoProduct {
  holderKey: string;
  registration: { number: string; managementClass: 1 | 2 | 3; issuer: string; validFrom: string; validTo: string | null; productName: string };
  name: string;
  nameEn: string;
  model: string;
  deviceKind: string;
  storage: DeviceFamily['storage'];
  piElements: string[];
  singleUse: boolean;
  implantable: boolean;
  sterile: boolean;
  dis: { di: string; agency: 'GS1'; packageLevel: number; packageLevelName: string; quantityPerPackage: number; containsDi: string | null }[];
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  organizationKey: string | null;
  jurisdictionCode: string | null;
  regulatorLevel: RegulatorLevel | null;
  department: string | null;
  description: string;
}

export interface DemoWorld {
  referenceDate: string;
  organizations: DemoOrganization[];
  products: DemoProduct[];
  users: DemoUser[];
}

export const DEMO_PASSWORD = 'Demo#2026';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const ORG_CODE_CHARS = CREDIT_CODE_ALPHABET; // organisation codes here stay inside the credit-code alphabet

export function generateDemoWorld(options: { scale?: number; seed?: number; referenceDate?: string } = {}): DemoWorld {
  const scale = options.scale ?? 1;
  const rng = new SeededRandom(options.seed ?? 20261126);
  const today = options.referenceDate ?? new Date().toISOString().slice(0, 10);
  const orgs: DemoOrganization[] = [];
  const usedNames = new Set<string>();
  let prefixCounter = 0;
  const person = () => rng.pick(PERSON_SURNAMES) + rng.pick(PERSON_GIVEN);
  const phone = () => `1${rng.pick(['35', '38', '39', '58', '86', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  const orgCode = () => Array.from({ length: 8 }, () => rng.pick([...ORG_CODE_CHARS])).join('');
  const uniqueName = (make: () => string) => {
    for (let i = 0; i < 50; i++) {
      const n = make();
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
    const n = `${make()}${usedNames.size}`;
    usedNames.add(n);
    return n;
  };
  /** A fictional 7-digit GS1 company prefix (699 + 4 digits) and GLNs under it. */
  const gs1 = () => {
    prefixCounter++;
    const prefix = `699${String(prefixCounter).padStart(4, '0')}`;
    return { prefix, gln: (locationRef: number) => withGs1CheckDigit(prefix + String(locationRef).padStart(5, '0')) };
  };
  const validity = (startYearsAgo: number) => {
    const from = addDays(today, -Math.round(startYearsAgo * 365));
    return { validFrom: from, validTo: addDays(from, 5 * 365 - 1) };
  };

  // Regulators and partner agencies.
  const nationalRegulator: DemoOrganization = {
    key: 'reg-national', type: 'regulator', name: '国家药品监督管理局（演示）', creditCode: null, regionCode: '110000', address: '北京市西城区', contactName: person(),
    contactPhone: phone(), gs1CompanyPrefix: null, gln: null, institutionGrade: null, rural: false, locations: [], licenses: [],
  };
  orgs.push(nationalRegulator);
  for (const p of DEMO_PROVINCES) {
    orgs.push({ key: `reg-${p.code}`, type: 'regulator', name: p.regulator, creditCode: null, regionCode: p.code, address: `${p.name}省会`, contactName: person(), contactPhone: phone(), gs1CompanyPrefix: null, gln: null, institutionGrade: null, rural: false, locations: [], licenses: [] });
    for (const c of p.cities) {
      orgs.push({ key: `reg-${c.code}`, type: 'regulator', name: `${c.name}市场监督管理局`, creditCode: null, regionCode: c.code, address: `${p.name}${c.name}`, contactName: person(), contactPhone: phone(), gs1CompanyPrefix: null, gln: null, institutionGrade: null, rural: false, locations: [], licenses: [] });
    }
  }
  orgs.push({ key: 'agency-330100', type: 'agency', name: '杭州市公安局食品药品犯罪侦查支队（演示）', creditCode: null, regionCode: '330100', address: '浙江省杭州市', contactName: person(), contactPhone: phone(), gs1CompanyPrefix: null, gln: null, institutionGrade: null, rural: false, locations: [], licenses: [] });
  orgs.push({ key: 'agency-330000', type: 'agency', name: '浙江省卫生健康委员会（演示）', creditCode: null, regionCode: '330000', address: '浙江省杭州市', contactName: person(), contactPhone: phone(), gs1CompanyPrefix: null, gln: null, institutionGrade: null, rural: false, locations: [], licenses: [] });

  // Manufacturers: the first sits in Hangzhou (the demo manufacturer's company).
  const manufacturerCount = Math.round(30 * scale);
  const manufacturers: DemoOrganization[] = [];
  for (let i = 0; i < manufacturerCount; i++) {
    const city = i === 0 ? ALL_DEMO_CITIES[0]! : rng.pick(ALL_DEMO_CITIES);
    const county = i === 0 ? city.counties[1]! : rng.pick(city.counties);
    const g = gs1();
    const name = uniqueName(() => `${city.name.replace(/市$/, '')}${rng.pick(COMPANY_WORDS)}医疗器械有限公司`);
    const issuer = city.province.regulator;
    const v = validity(rng.int(1, 4) + rng.next());
    const org: DemoOrganization = {
      key: `mfr-${i}`, type: 'manufacturer', name, creditCode: buildCreditCode('91', county.code, orgCode()), regionCode: county.code,
      address: `${city.province.name}${city.name}${county.name}${rng.pick(['科技园', '经济开发区', '高新区', '工业园'])}${rng.int(1, 300)}号`,
      contactName: person(), contactPhone: phone(), gs1CompanyPrefix: g.prefix, gln: g.gln(0), institutionGrade: null, rural: false,
      locations: [{ name: '生产厂区', kind: 'plant', gln: g.gln(1) }, { name: '成品仓库', kind: 'warehouse', gln: g.gln(2) }],
      licenses: [
        { kind: 'production_license', number: `${city.province.abbr}药监械生产许${v.validFrom.slice(0, 4)}${String(rng.int(1, 9999)).padStart(4, '0')}号`, scopeClasses: [2, 3], scopeCategories: [], issuer, ...v },
        { kind: 'qms_certificate', number: `QMS-${v.validFrom.slice(0, 4)}-${String(i + 1).padStart(4, '0')}`, scopeClasses: [1, 2, 3], scopeCategories: [], issuer: '中国医疗器械质量认证中心（演示）', ...validity(rng.int(0, 2) + rng.next()) },
      ],
    };
    // A few production licences expire within the next two months.
    if (i % 10 === 3) org.licenses[0] = { ...org.licenses[0]!, validFrom: addDays(today, -5 * 365 + 30 + i), validTo: addDays(today, 30 + i - 1) };
    manufacturers.push(org);
  }
  orgs.push(...manufacturers);

  // Distributors (the first is the demo distributor in Hangzhou; one licence has lapsed).
  const distributorCount = Math.round(100 * scale);
  for (let i = 0; i < distributorCount; i++) {
    const city = i === 0 ? ALL_DEMO_CITIES[0]! : rng.pick(ALL_DEMO_CITIES);
    const county = i === 0 ? city.counties[0]! : rng.pick(city.counties);
    const g = gs1();
    const name = uniqueName(() => `${city.name.replace(/市$/, '')}${rng.pick(COMPANY_WORDS)}${rng.pick(DISTRIBUTOR_SUFFIXES)}`);
    const cityIssuer = `${city.name}市场监督管理局`;
    const v = validity(rng.int(0, 4) + rng.next());
    const org: DemoOrganization = {
      key: `dist-${i}`, type: 'distributor', name, creditCode: buildCreditCode('91', county.code, orgCode()), regionCode: county.code,
      address: `${city.province.name}${city.name}${county.name}${rng.pick(['物流园', '商务区', '医药港', '保税区'])}${rng.int(1, 500)}号`,
      contactName: person(), contactPhone: phone(), gs1CompanyPrefix: g.prefix, gln: g.gln(0), institutionGrade: null, rural: false,
      locations: [{ name: '中心仓库', kind: 'warehouse', gln: g.gln(1) }, ...(rng.chance(0.3) ? [{ name: '冷链仓库', kind: 'warehouse' as const, gln: g.gln(2) }] : [])],
      licenses: [
        { kind: 'distribution_license', number: `${city.province.abbr}${city.abbr}药监械经营许${v.validFrom.slice(0, 4)}${String(rng.int(1, 9999)).padStart(4, '0')}号`, scopeClasses: [3], scopeCategories: [], issuer: cityIssuer, ...v },
        { kind: 'distribution_filing', number: `${city.province.abbr}${city.abbr}药监械经营备${v.validFrom.slice(0, 4)}${String(rng.int(1, 9999)).padStart(4, '0')}号`, scopeClasses: [2], scopeCategories: [], issuer: cityIssuer, validFrom: v.validFrom, validTo: null },
      ],
    };
    if (i === 7) org.licenses[0] = { ...org.licenses[0]!, validFrom: addDays(today, -5 * 365 - 20), validTo: addDays(today, -21) }; // lapsed three weeks ago
    if (i % 25 === 11) org.licenses[0] = { ...org.licenses[0]!, validFrom: addDays(today, -5 * 365 + 45), validTo: addDays(today, 44) }; // expires soon
    orgs.push(org);
  }

  // Hospitals and clinics, some rural (the first is the demo hospital in Hangzhou).
  const hospitalCount = Math.round(150 * scale);
  const hospitalNumbers = new Map<string, number>();
  for (let i = 0; i < hospitalCount; i++) {
    const city = i === 0 ? ALL_DEMO_CITIES[0]! : rng.pick(ALL_DEMO_CITIES);
    const county = i === 0 ? city.counties[0]! : rng.pick(city.counties);
    const pattern = i === 0 ? HOSPITAL_PATTERNS[0]! : county.rural && rng.chance(0.6) ? rng.pick([HOSPITAL_PATTERNS[2]!, HOSPITAL_PATTERNS[4]!, HOSPITAL_PATTERNS[3]!]) : rng.pick(HOSPITAL_PATTERNS);
    const name = uniqueName(() => {
      const n = (hospitalNumbers.get(city.code) ?? 0) + 1;
      if (pattern.includes('{n}')) hospitalNumbers.set(city.code, n);
      return pattern.replace('{city}', city.name).replace('{county}', county.name).replace('{n}', ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][(n - 1) % 10] ?? String(n)).replace('{town}', rng.pick(TOWNS)).replace('{word}', rng.pick(COMPANY_WORDS));
    });
    const grade = name.includes('卫生院') ? '一级' : name.includes('门诊部') ? '未定级' : name.includes('第') ? '三级甲等' : rng.pick(['二级甲等', '二级乙等', '三级乙等']);
    const g = gs1();
    orgs.push({
      key: `hosp-${i}`, type: 'institution', name, creditCode: buildCreditCode(name.includes('门诊部') ? '52' : '12', county.code, orgCode()), regionCode: county.code,
      address: `${city.province.name}${city.name}${county.name}${rng.pick(['健康路', '人民路', '解放路', '中山路'])}${rng.int(1, 400)}号`,
      contactName: person(), contactPhone: phone(), gs1CompanyPrefix: g.prefix, gln: g.gln(0), institutionGrade: grade, rural: county.rural && !name.includes('第'),
      locations: [{ name: '设备科', kind: 'department', gln: g.gln(1) }, { name: '药剂科/耗材库', kind: 'pharmacy', gln: g.gln(2) }],
      licenses: [],
    });
  }

  // Products: families spread over manufacturers, DIs per package level under the holder's prefix.
  const products: DemoProduct[] = [];
  const serials = new Map<string, number>();
  let productIndex = 0;
  for (const family of DEVICE_FAMILIES) {
    const count = Math.max(1, Math.round(family.count * scale));
    for (let k = 0; k < count; k++) {
      const holder = productIndex === 0 ? manufacturers[0]! : manufacturers[(productIndex * 7 + k) % manufacturers.length]!;
      const province = DEMO_PROVINCES.find((p) => holder.regionCode.startsWith(p.code.slice(0, 2))) as DemoProvince;
      const city = province.cities.find((c) => holder.regionCode.startsWith(c.code.slice(0, 4)))!;
      const v = validity(rng.int(0, 4) + rng.next());
      const year = v.validFrom.slice(0, 4);
      // Class III numbers are issued nationally (国械注准…), so their serials run across provinces; class I/II per province.
      const serialKey = family.managementClass === 3 ? '3-national' : `${family.managementClass}-${province.code}`;
      const serial = String((serials.get(serialKey) ?? 0) + 1 + rng.int(0, 40)).padStart(4, '0');
      serials.set(serialKey, Number(serial));
      const number = family.managementClass === 3 ? `国械注准${year}3${family.categoryCode}${serial}`
        : family.managementClass === 2 ? `${province.abbr}械注准${year}2${family.categoryCode}${serial}`
        : `${province.abbr}${city.abbr}械备${year}${serial}号`;
      const issuer = family.managementClass === 3 ? '国家药品监督管理局' : family.managementClass === 2 ? province.regulator : `${city.name}市场监督管理局`;
      let registrationValidTo: string | null = family.managementClass === 1 ? null : v.validTo;
      // One registration has expired (issue 5 plants a distributor still selling it).
      if (family.kind === 'glucose_meter' && k === 1) registrationValidTo = addDays(today, -40);
      const prefix = holder.gs1CompanyPrefix!;
      const itemRef = 100 + productIndex * 3;
      const gtin = (indicator: number, ref: number) => withGs1CheckDigit(`${indicator}${prefix}${String(ref).padStart(5, '0')}`);
      const unitDi = gtin(0, itemRef);
      const cartonDi = gtin(1, itemRef);
      const caseDi = gtin(2, itemRef);
      products.push({
        holderKey: holder.key,
        registration: { number, managementClass: family.managementClass, issuer, validFrom: registrationValidTo && registrationValidTo < v.validFrom ? addDays(registrationValidTo, -5 * 365) : v.validFrom, validTo: registrationValidTo, productName: family.name },
        name: family.name, nameEn: family.nameEn, model: family.models[k % family.models.length]!, deviceKind: family.kind, storage: family.storage,
        piElements: family.piElements, singleUse: family.singleUse, implantable: family.implantable, sterile: family.sterile,
        dis: [
          { di: unitDi, agency: 'GS1', packageLevel: 0, packageLevelName: family.packaging.unitName, quantityPerPackage: 1, containsDi: null },
          { di: cartonDi, agency: 'GS1', packageLevel: 1, packageLevelName: '中包装', quantityPerPackage: family.packaging.perCarton, containsDi: unitDi },
          { di: caseDi, agency: 'GS1', packageLevel: 2, packageLevelName: '箱', quantityPerPackage: family.packaging.cartonsPerCase, containsDi: cartonDi },
        ],
      });
      productIndex++;
    }
  }

  const users: DemoUser[] = [
    { username: 'demo-national', displayName: '国家局监管员（演示）', role: 'regulator', organizationKey: 'reg-national', jurisdictionCode: '000000', regulatorLevel: 'national', department: '医疗器械监督管理司', description: 'national regulator · 国家局' },
    { username: 'demo-province', displayName: '浙江省局监管员（演示）', role: 'regulator', organizationKey: 'reg-330000', jurisdictionCode: '330000', regulatorLevel: 'province', department: '医疗器械监管处', description: 'provincial regulator, Zhejiang · 浙江省局' },
    { username: 'demo-city', displayName: '杭州市局监管员（演示）', role: 'regulator', organizationKey: 'reg-330100', jurisdictionCode: '330100', regulatorLevel: 'city', department: '药械科', description: 'city regulator, Hangzhou · 杭州市局' },
    { username: 'demo-manufacturer', displayName: '生产企业质量负责人（演示）', role: 'enterprise', organizationKey: 'mfr-0', jurisdictionCode: null, regulatorLevel: null, department: '质量部', description: `manufacturer · ${manufacturers[0]!.name}` },
    { username: 'demo-distributor', displayName: '经营企业质管员（演示）', role: 'enterprise', organizationKey: 'dist-0', jurisdictionCode: null, regulatorLevel: null, department: '质量管理部', description: `distributor · ${orgs.find((o) => o.key === 'dist-0')!.name}` },
    { username: 'demo-hospital', displayName: '医院设备科科长（演示）', role: 'institution', organizationKey: 'hosp-0', jurisdictionCode: null, regulatorLevel: null, department: '设备科', description: `hospital · ${orgs.find((o) => o.key === 'hosp-0')!.name}` },
    { username: 'demo-agency', displayName: '公安协查联络员（演示）', role: 'agency', organizationKey: 'agency-330100', jurisdictionCode: null, regulatorLevel: null, department: null, description: 'partner agency · 公安机关' },
    { username: 'demo-privacy', displayName: '个人信息保护负责人（演示）', role: 'privacy_officer', organizationKey: null, jurisdictionCode: null, regulatorLevel: null, department: null, description: 'privacy officer · 个人信息保护' },
    { username: 'demo-sysadmin', displayName: '系统管理员（演示）', role: 'sysadmin', organizationKey: null, jurisdictionCode: null, regulatorLevel: null, department: null, description: 'system admin · 系统管理员' },
    { username: 'demo-secadmin', displayName: '安全管理员（演示）', role: 'secadmin', organizationKey: null, jurisdictionCode: null, regulatorLevel: null, department: null, description: 'security admin · 安全管理员' },
    { username: 'demo-auditadmin', displayName: '审计管理员（演示）', role: 'auditadmin', organizationKey: null, jurisdictionCode: null, regulatorLevel: null, department: null, description: 'audit admin · 审计管理员' },
  ];
  return { referenceDate: today, organizations: orgs, products, users };
}
