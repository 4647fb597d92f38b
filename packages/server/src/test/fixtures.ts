import { buildCreditCode, withGs1CheckDigit } from '@lianjian/core';
import { sql } from 'kysely';
import type { AppDeps } from '../app-context.ts';
import type { OrganizationType, RegulatorLevel, Role } from '../db/schema.ts';
import { LicensesService } from '../features/licenses/licenses.service.ts';
import { OrganizationsService } from '../features/organizations/organizations.service.ts';
import { ProductsService } from '../features/products/products.service.ts';
import { UsersService } from '../features/users/users.service.ts';

/** Small factories: each test builds exactly the data it needs. */
export const PASSWORD = 'Test#2026pw';
let seq = 0;
const next = () => ++seq;

/** Skips fixture numbers already used in a database that outlives this process (bench:trace --reuse). */
export function reserveFixtureNumbers(n: number): void {
  seq += n;
}

export async function makeOrganization(deps: AppDeps, o: { type: OrganizationType; regionCode: string; name?: string }) {
  const n = next();
  const prefix = `6980${String(n).padStart(3, '0')}`;
  return new OrganizationsService(deps).create(null, {
    type: o.type, name: o.name ?? `测试单位${n}`, regionCode: o.regionCode,
    creditCode: ['manufacturer', 'distributor', 'logistics', 'institution'].includes(o.type) ? buildCreditCode('91', o.regionCode, `T${String(n).padStart(7, '0')}`) : null,
    gs1CompanyPrefix: prefix, gln: withGs1CheckDigit(`${prefix}00000`),
  });
}

export async function makeUser(deps: AppDeps, u: { role: Role; organizationId?: number; jurisdictionCode?: string; regulatorLevel?: RegulatorLevel; username?: string }) {
  const username = u.username ?? `user-${u.role}-${next()}`;
  await new UsersService(deps).create(null, {
    username, displayName: username, password: PASSWORD, role: u.role, organizationId: u.organizationId ?? null,
    jurisdictionCode: u.jurisdictionCode ?? null, regulatorLevel: u.regulatorLevel ?? null,
  });
  return username;
}

export async function makeLicense(deps: AppDeps, organizationId: number, l: { kind?: 'production_license' | 'distribution_license'; validTo?: string } = {}) {
  return new LicensesService(deps).create(null, {
    organizationId, kind: l.kind ?? 'production_license', number: `测试许${next()}号`, scopeClasses: [2, 3], scopeCategories: [], issuer: '测试发证机关',
    validFrom: '2024-01-01', validTo: l.validTo ?? '2028-12-31',
  });
}

export async function makeProduct(deps: AppDeps, holderId: number, prefix: string, name?: string) {
  const n = next();
  const svc = new ProductsService(deps);
  const reg = await svc.createRegistration(null, { number: `国械注准2024314${String(n).padStart(4, '0')}`, holderId, managementClass: 3, productName: '测试产品', issuer: '国家药品监督管理局', validFrom: '2024-01-01', validTo: '2028-12-31' });
  return svc.create(null, { registrationId: reg.id, name: name ?? `测试产品${n}`, model: 'M1', deviceKind: 'syringe', dis: [{ di: withGs1CheckDigit(`0${prefix}${String(n).padStart(5, '0')}`), agency: 'GS1', packageLevel: 0 }] });
}

/**
 * A lot known to the platform, as if it had been commissioned: use records refuse lots the
 * platform has never seen (known-lots.repository.ts), so tests that are not about that make one.
 */
export async function makeKnownLot(deps: AppDeps, di: string, lot: string): Promise<void> {
  await sql`insert into epc_objects (kind, code, di, lot) values ('lgtin', ${`gs1:01/${di}/10/${lot}`}, ${di}, ${lot}) on conflict (code) do nothing`.execute(deps.db);
}
