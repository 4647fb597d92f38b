import { sql } from 'kysely';
import type { AppDeps } from '../app-context.ts';
import { withTransaction } from '../db/transaction.ts';
import { LicensesService } from '../features/licenses/licenses.service.ts';
import { OrganizationsService } from '../features/organizations/organizations.service.ts';
import { ProductsService } from '../features/products/products.service.ts';
import { UsersService } from '../features/users/users.service.ts';
import { DEMO_PASSWORD, generateDemoWorld, type DemoWorld } from './demo-world.ts';

const STATE_KEY = 'demo.loaded';

export interface DemoLoadResult {
  loaded: boolean;
  counts: Record<string, number>;
  world: DemoWorld;
}

/**
 * Loads the demo world through the same services the API uses, so every record passes the real
 * validation and lands in the audit log as the work of `system`. Loads once per database.
 */
export async function loadDemoWorld(deps: AppDeps, options: { scale?: number; seed?: number; referenceDate?: string; onProgress?: (done: number, total: number, stage: string) => void } = {}): Promise<DemoLoadResult> {
  const world = generateDemoWorld(options);
  const already = await deps.db.selectFrom('app_state').select('value').where('key', '=', STATE_KEY).executeTakeFirst();
  const counts = { organizations: world.organizations.length, products: world.products.length, users: world.users.length };
  if (already) return { loaded: false, counts, world };

  // One transaction for the whole world: all or nothing, and one commit instead of a thousand.
  await withTransaction(deps.db, (trx) => loadInto({ ...deps, db: trx }, world, options.onProgress));
  await sql`analyze`.execute(deps.db);
  return { loaded: true, counts, world };
}

async function loadInto(deps: AppDeps, world: DemoWorld, onProgress?: (done: number, total: number, stage: string) => void): Promise<void> {
  const counts = { organizations: world.organizations.length, products: world.products.length, users: world.users.length };
  const organizations = new OrganizationsService(deps);
  const licenses = new LicensesService(deps);
  const products = new ProductsService(deps);
  const users = new UsersService(deps);
  const idByKey = new Map<string, number>();
  const total = world.organizations.length + world.products.length + world.users.length;
  let done = 0;
  const tick = (stage: string) => onProgress?.(++done, total, stage);

  for (const o of world.organizations) {
    const { key: _key, locations, licenses: licenceList, ...input } = o;
    const created = await organizations.create(null, input);
    idByKey.set(o.key, created.id);
    for (const l of locations) await organizations.addLocation(null, created.id, l);
    for (const l of licenceList) await licenses.create(null, { ...l, organizationId: created.id });
    tick('organizations');
  }
  for (const p of world.products) {
    const holderId = idByKey.get(p.holderKey)!;
    const registration = await products.createRegistration(null, { ...p.registration, holderId });
    await products.create(null, {
      registrationId: registration.id, name: p.name, nameEn: p.nameEn, model: p.model, deviceKind: p.deviceKind,
      storageMinC: p.storage?.min ?? null, storageMaxC: p.storage?.max ?? null, storageNote: p.storage?.note ?? null,
      piElements: p.piElements, singleUse: p.singleUse, implantable: p.implantable, sterile: p.sterile, dis: p.dis,
    });
    tick('products');
  }
  for (const u of world.users) {
    await users.create(null, {
      username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, role: u.role,
      organizationId: u.organizationKey ? (idByKey.get(u.organizationKey) ?? null) : null,
      jurisdictionCode: u.jurisdictionCode, regulatorLevel: u.regulatorLevel, department: u.department,
    });
    tick('users');
  }
  await deps.db
    .insertInto('app_state')
    .values({ key: STATE_KEY, value: JSON.stringify({ referenceDate: world.referenceDate, counts }) })
    .execute();
}
