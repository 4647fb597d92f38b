import type { AppDeps } from '../app-context.ts';
import { withTransaction } from '../db/transaction.ts';
import { LicensesService } from '../features/licenses/licenses.service.ts';
import { OrganizationsService } from '../features/organizations/organizations.service.ts';
import { ProductsService } from '../features/products/products.service.ts';
import type { RequestContext } from '../features/auth/actor.ts';
import { CaptureService } from '../features/epcis/capture.service.ts';
import { UsersService } from '../features/users/users.service.ts';
import { demoEpcisDocument, generateDemoChain, type DemoChain } from './demo-chain.ts';
import { DEMO_PASSWORD, generateDemoWorld, type DemoWorld } from './demo-world.ts';
import { loadDemoUseRecords } from './demo-use-records.ts';
import { appStateRepository } from '../db/app-state.repository.ts';
import { usersRepository } from '../features/users/users.repository.ts';
import { loadDemoRisk } from './demo-risk.ts';
import { loadDemoProduction } from './demo-production.ts';
import { loadDemoAlerts } from './demo-alerts.ts';
import { loadDemoInvestigations } from './demo-investigations.ts';
import { loadDemoRestrictions } from './demo-restrictions.ts';
import { loadDemoIdentityRequest } from './demo-identity-request.ts';

const STATE_KEY = 'demo.loaded';

export interface DemoLoadResult {
  loaded: boolean;
  counts: Record<string, number>;
  world: DemoWorld;
  chain: DemoChain;
  /** What capture answered for the demo events (zero when the world was already loaded). */
  capture: { documents: number; accepted: number; duplicates: number; rejected: number; violations: number };
  /** Wall time of each loading stage in milliseconds (empty when the world was already loaded). */
  timings: Record<string, number>;
}

/** Events per capture document: large enough for set-based capture, small enough to keep memory flat. */
const EVENTS_PER_DOCUMENT = 2_000;

/**
 * Loads the demo world through the same services the API uses, so every record passes the real
 * validation and lands in the audit log as the work of `system`. Loads once per database.
 */
export async function loadDemoWorld(deps: AppDeps, options: { scale?: number; seed?: number; referenceDate?: string; onProgress?: (done: number, total: number, stage: string) => void; onStage?: (stage: string) => void } = {}): Promise<DemoLoadResult> {
  const world = generateDemoWorld(options);
  const chain = generateDemoChain(world, options.seed === undefined ? {} : { seed: options.seed });
  const already = await appStateRepository.get(deps.db, STATE_KEY);
  const counts = { organizations: world.organizations.length, products: world.products.length, users: world.users.length, events: chain.events.length };
  const capture = { documents: 0, accepted: 0, duplicates: 0, rejected: 0, violations: 0 };
  const timings: Record<string, number> = {};
  if (already) return { loaded: false, counts, world, chain, capture, timings };
  // Stage times, so the quick-start budget (scripts/check-quickstart.sh) can be traced to a stage.
  const timed = async <T>(stage: string, f: () => Promise<T>): Promise<T> => {
    options.onStage?.(stage);
    const started = performance.now();
    try {
      return await f();
    } finally {
      timings[stage] = Math.round(performance.now() - started);
    }
  };

  // One transaction for the whole world: all or nothing, and one commit instead of a thousand.
  await withTransaction(deps.db, async (trx) => {
    await timed('masterData', () => loadInto({ ...deps, db: trx }, world, options.onProgress));
    Object.assign(capture, await timed('capture', () => captureChain({ ...deps, db: trx }, world, chain, options.onProgress)));
    // Planner statistics for the freshly captured chain: without them the stages below read it by
    // plans that took seconds each (ANALYZE counts the rows this transaction inserted).
    await timed('analyzeChain', () => appStateRepository.analyze(trx));
    await timed('useRecords', () => loadDemoUseRecords({ ...deps, db: trx }, world));
    await timed('production', () => loadDemoProduction({ ...deps, db: trx }, world, chain));
    // THE mask lot's level II recall, recorded before the alert engine's pass so the lot moving on is an alert.
    await timed('restrictions', () => loadDemoRestrictions({ ...deps, db: trx }, world, chain));
    // Then the planted compliance-rule facts and one pass of the alert engine (issue 5 §6).
    await timed('alerts', () => loadDemoAlerts({ ...deps, db: trx }, world, chain));
    // The registrants' investigations of two pump cases, so the risk run weighs their conclusions.
    await timed('investigations', () => loadDemoInvestigations({ ...deps, db: trx }, world));
    // Last: adverse-event noise and the planted signals, then one risk run over everything loaded (issue 5).
    await timed('risk', () => loadDemoRisk({ ...deps, db: trx }, world));
    // A request to see a patient's identity, waiting in the privacy officer's queue.
    await timed('identityRequest', () => loadDemoIdentityRequest({ ...deps, db: trx }, world));
  });
  await timed('analyze', () => appStateRepository.analyze(deps.db));
  return { loaded: true, counts, world, chain, capture, timings };
}

/**
 * Captures the demo chain through the real capture service, as the national regulator (who may
 * capture any event: a legacy import), batch by batch so each lot's projection is derived once or
 * twice rather than once per event. The events are attributed to no submitting organisation: the
 * supply-chain parties named in them are the ones involved.
 */
async function captureChain(deps: AppDeps, world: DemoWorld, chain: DemoChain, onProgress?: (done: number, total: number, stage: string) => void) {
  const national = world.users.find((u) => u.regulatorLevel === 'national') as DemoWorld['users'][number];
  const user = await usersRepository.findByUsernameWithSecret(deps.db, national.username);
  if (!user) throw new Error(`demo account ${national.username} missing`);
  const ctx: RequestContext = {
    actor: { type: 'user', id: Number(user.id), name: user.username, role: 'regulator', organizationId: null, organizationType: null, jurisdictionCode: national.jurisdictionCode, regulatorLevel: 'national', department: national.department },
    ip: '127.0.0.1', userAgent: 'lianjian demo loader', locale: 'zh-CN',
  };
  const service = new CaptureService(deps, { maxEvents: EVENTS_PER_DOCUMENT * 2, maxBytes: 256 * 1024 * 1024 });
  const out = { documents: 0, accepted: 0, duplicates: 0, rejected: 0, violations: 0 };
  const creationDate = `${world.referenceDate}T00:00:00+08:00`;
  let pending: DemoChain['events'] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const result = await service.capture(ctx, { body: JSON.stringify(demoEpcisDocument(pending, creationDate)), format: 'json', errorBehaviour: 'rollback' });
    out.documents++;
    out.accepted += result.accepted;
    out.duplicates += result.duplicates;
    out.rejected += result.rejected;
    out.violations += result.violations;
    onProgress?.(out.accepted + out.duplicates, chain.events.length, 'events');
    pending = [];
  };
  for (const batch of chain.batches) {
    if (pending.length > 0 && pending.length + batch.eventCount > EVENTS_PER_DOCUMENT) await flush();
    pending = pending.concat(chain.events.slice(batch.firstEvent, batch.firstEvent + batch.eventCount));
  }
  await flush();
  return out;
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
  await appStateRepository.put(deps.db, STATE_KEY, { referenceDate: world.referenceDate, counts });
}
