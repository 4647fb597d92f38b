import { sql, type Kysely } from 'kysely';
import type { DB, DiAgency } from '../../db/schema.ts';
import { byName } from '../../db/name-sort.repository.ts';
import { likeContains } from '../../db/scope-sql.ts';
import { nameSortKey } from '../../shared/name-sort-key.ts';

export interface ProductRow {
  id: number;
  name: string;
  nameEn: string | null;
  model: string;
  specification: string | null;
  deviceKind: string;
  storageMinC: number | null;
  storageMaxC: number | null;
  storageNote: string | null;
  piElements: string[];
  singleUse: boolean;
  implantable: boolean;
  sterile: boolean;
  registrationId: number;
  registrationNumber: string;
  registrationKind: 'registration' | 'filing';
  managementClass: 1 | 2 | 3;
  categoryCode: string | null;
  registrationValidFrom: string;
  registrationValidTo: string | null;
  registrationStatus: string;
  holderId: number;
  holderName: string;
  regionCode: string;
}

export interface DiRow {
  productId: number;
  di: string;
  agency: DiAgency;
  packageLevel: number;
  packageLevelName: string | null;
  quantityPerPackage: number;
  containsDi: string | null;
}

export interface RegistrationRow {
  id: number;
  number: string;
  kind: 'registration' | 'filing';
  holderId: number;
  holderName: string;
  regionCode: string;
  managementClass: 1 | 2 | 3;
  categoryCode: string | null;
  productName: string;
  issuer: string;
  validFrom: string;
  validTo: string | null;
  status: string;
}

export interface ProductFilter {
  q?: string;
  deviceKind?: string;
  managementClass?: number;
  regionPrefix?: string;
  holderId?: number;
  di?: string;
  registrationNumber?: string;
}

export type ProductSort = 'p.name' | 'p.id' | 'r.valid_to' | 'r.management_class' | 'o.name';

/** Product and holder names sort in pinyin order. */
const sortBy = (column: ProductSort) => (column === 'p.name' ? byName('p') : column === 'o.name' ? byName('o') : column);

function base(db: Kysely<DB>, f: ProductFilter) {
  let q = db
    .selectFrom('products as p')
    .innerJoin('registrations as r', 'r.id', 'p.registration_id')
    .innerJoin('organizations as o', 'o.id', 'r.holder_organization_id');
  if (f.q) q = q.where((eb) => eb.or([eb('p.name', 'like', likeContains(f.q ?? '')), eb('p.model', 'like', likeContains(f.q ?? '')), eb('r.number', '=', f.q ?? '')]));
  if (f.deviceKind) q = q.where('p.device_kind', '=', f.deviceKind);
  if (f.managementClass) q = q.where('r.management_class', '=', f.managementClass as 1 | 2 | 3);
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.holderId) q = q.where('o.id', '=', f.holderId);
  if (f.registrationNumber) q = q.where('r.number', '=', f.registrationNumber);
  if (f.di) q = q.where(({ exists, selectFrom }) => exists(selectFrom('product_dis as d').select(sql`1`.as('one')).whereRef('d.product_id', '=', 'p.id').where('d.di', '=', f.di ?? '')));
  return q;
}

const columns = [
  'p.id', 'p.name', 'p.name_en as nameEn', 'p.model', 'p.specification', 'p.device_kind as deviceKind', 'p.storage_min_c as storageMinC',
  'p.storage_max_c as storageMaxC', 'p.storage_note as storageNote', 'p.pi_elements as piElements', 'p.single_use as singleUse',
  'p.implantable', 'p.sterile', 'r.id as registrationId', 'r.number as registrationNumber', 'r.kind as registrationKind',
  'r.management_class as managementClass', 'r.category_code as categoryCode', 'r.valid_from as registrationValidFrom',
  'r.valid_to as registrationValidTo', 'r.status as registrationStatus', 'o.id as holderId', 'o.name as holderName', 'o.region_code as regionCode',
] as const;

const registrationColumns = [
  'r.id', 'r.number', 'r.kind', 'o.id as holderId', 'o.name as holderName', 'o.region_code as regionCode', 'r.management_class as managementClass',
  'r.category_code as categoryCode', 'r.product_name as productName', 'r.issuer', 'r.valid_from as validFrom', 'r.valid_to as validTo', 'r.status',
] as const;

/**
 * The product and UDI-DI catalogue. Like China's public UDI database, the catalogue is readable by
 * every business role; only writes are scoped (a registrant's own registrations, a regulator's jurisdiction).
 */
export const productsRepository = {
  async list(db: Kysely<DB>, f: ProductFilter, page: { limit: number; offset: number }, sort: { column: ProductSort; direction: 'asc' | 'desc' }) {
    const [items, total] = await Promise.all([
      base(db, f).select(columns).orderBy(sortBy(sort.column), sort.direction).orderBy('p.id').limit(page.limit).offset(page.offset).execute(),
      base(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as ProductRow[], total: Number(total.n) };
  },
  async findById(db: Kysely<DB>, id: number): Promise<ProductRow | undefined> {
    return (await base(db, {}).select(columns).where('p.id', '=', id).executeTakeFirst()) as ProductRow | undefined;
  },
  async disOf(db: Kysely<DB>, productIds: number[]): Promise<DiRow[]> {
    if (!productIds.length) return [];
    return db
      .selectFrom('product_dis')
      .select(['product_id as productId', 'di', 'agency', 'package_level as packageLevel', 'package_level_name as packageLevelName', 'quantity_per_package as quantityPerPackage', 'contains_di as containsDi'])
      .where('product_id', 'in', productIds)
      .orderBy('product_id').orderBy('package_level')
      .execute();
  },
  async existingDis(db: Kysely<DB>, dis: string[]): Promise<string[]> {
    if (!dis.length) return [];
    return (await db.selectFrom('product_dis').select('di').where('di', 'in', dis).execute()).map((r) => r.di);
  },
  async insert(db: Kysely<DB>, p: { registrationId: number; name: string; nameEn: string | null; model: string; specification: string | null; deviceKind: string; storageMinC: number | null; storageMaxC: number | null; storageNote: string | null; piElements: string[]; singleUse: boolean; implantable: boolean; sterile: boolean }): Promise<number> {
    const r = await db
      .insertInto('products')
      // The pinyin sort key goes with the name, on every write (shared/name-sort-key.ts).
      .values({
        registration_id: p.registrationId, name: p.name, name_sort: nameSortKey(p.name), name_en: p.nameEn, model: p.model, specification: p.specification, device_kind: p.deviceKind,
        storage_min_c: p.storageMinC, storage_max_c: p.storageMaxC, storage_note: p.storageNote, pi_elements: p.piElements,
        single_use: p.singleUse, implantable: p.implantable, sterile: p.sterile,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },
  async insertDis(db: Kysely<DB>, rows: DiRow[]): Promise<void> {
    // Lower package levels first, so a carton's contains_di points at a row that exists.
    for (const d of [...rows].sort((a, b) => a.packageLevel - b.packageLevel)) {
      await db.insertInto('product_dis').values({ di: d.di, product_id: d.productId, agency: d.agency, package_level: d.packageLevel, package_level_name: d.packageLevelName, quantity_per_package: d.quantityPerPackage, contains_di: d.containsDi }).execute();
    }
  },
  async listRegistrations(db: Kysely<DB>, f: { regionPrefix?: string; holderId?: number; q?: string; managementClass?: number }, page: { limit: number; offset: number }) {
    let q = db.selectFrom('registrations as r').innerJoin('organizations as o', 'o.id', 'r.holder_organization_id');
    if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
    if (f.holderId) q = q.where('o.id', '=', f.holderId);
    if (f.managementClass) q = q.where('r.management_class', '=', f.managementClass as 1 | 2 | 3);
    if (f.q) q = q.where((eb) => eb.or([eb('r.number', 'like', likeContains(f.q ?? '')), eb('r.product_name', 'like', likeContains(f.q ?? ''))]));
    const [items, total] = await Promise.all([
      q.select(registrationColumns).orderBy('r.id').limit(page.limit).offset(page.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as RegistrationRow[], total: Number(total.n) };
  },
  async findRegistration(db: Kysely<DB>, id: number): Promise<RegistrationRow | undefined> {
    return (await db.selectFrom('registrations as r').innerJoin('organizations as o', 'o.id', 'r.holder_organization_id').select(registrationColumns).where('r.id', '=', id).executeTakeFirst()) as RegistrationRow | undefined;
  },
  async insertRegistration(db: Kysely<DB>, r: { number: string; kind: 'registration' | 'filing'; holderId: number; managementClass: 1 | 2 | 3; categoryCode: string | null; productName: string; issuer: string; validFrom: string; validTo: string | null }): Promise<number> {
    const row = await db
      .insertInto('registrations')
      .values({ number: r.number, kind: r.kind, holder_organization_id: r.holderId, management_class: r.managementClass, category_code: r.categoryCode, product_name: r.productName, issuer: r.issuer, valid_from: r.validFrom, valid_to: r.validTo })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
};
