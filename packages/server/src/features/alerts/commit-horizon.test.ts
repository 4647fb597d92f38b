import { describe, expect, it } from 'vitest';
import { makeOrganization } from '../../test/fixtures.ts';
import { useTestApp } from '../../test/test-app.ts';
import { AlertEngine } from './alert-engine.ts';
import { CommitHorizon } from './commit-horizon.ts';

/** The engine's cursor never passes a row that is still being committed (rows commit out of id order on PostgreSQL). */
const t = useTestApp();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

async function insertFlag(db: ReturnType<typeof t>['deps']['db'], organizationId: number, lot: string): Promise<number> {
  const r = await db.insertInto('quality_flags').values({
    rule: 'released_with_failed_item', subject_type: 'batch', subject_key: lot, organization_id: organizationId, region_code: '330106',
    params: JSON.stringify({ productDi: '06970000000011', lot, failedItems: [{ name: '过滤效率' }] }),
  } as never).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

async function flaggedLots(lots: string[]): Promise<string[]> {
  const rows = await t().deps.db.selectFrom('alerts').select('subject_lot').where('source', '=', 'rule.released_with_failed_test').where('subject_lot', 'in', lots).execute();
  return rows.map((r) => r.subject_lot as string).sort();
}

describe('commit horizon', { timeout: 30_000 }, () => {
  it('with nobody writing, the horizon is the highest id at once', async () => {
    const org = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const id = await insertFlag(t().deps.db, org.id, 'HZ-QUIET');
    expect(await new CommitHorizon('quality_flags').ceiling(t().deps.db)).toBe(id);
  });

  // PGlite has one connection, so its rows always commit in id order; the race needs a server.
  it.runIf(onPostgres)('a flag committed after a later one is still raised, one tick after its commit', async () => {
    const { db } = t().deps;
    const org = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    const engine = new AlertEngine(t().deps, { periodicMs: 3_600_000 });
    await engine.tick();
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const ready = new Promise<void>((resolve) => (inserted = resolve));
    let earlyId = 0;
    const slow = db.transaction().execute(async (trx) => {
      earlyId = await insertFlag(trx, org.id, 'SLOW-EARLY');
      inserted();
      await gate;
    });
    await ready;
    const lateId = await insertFlag(db, org.id, 'FAST-LATE');
    expect(lateId).toBeGreaterThan(earlyId);
    await engine.tick();
    // The later id is committed but the earlier one is not: the cursor must wait below both.
    expect(await flaggedLots(['SLOW-EARLY', 'FAST-LATE'])).toEqual([]);
    commit();
    await slow;
    await engine.tick();
    expect(await flaggedLots(['SLOW-EARLY', 'FAST-LATE'])).toEqual(['FAST-LATE', 'SLOW-EARLY']);
  });

  it('two engines ticking at once raise a batch once', async () => {
    const org = await makeOrganization(t().deps, { type: 'manufacturer', regionCode: '330106' });
    await insertFlag(t().deps.db, org.id, 'TWICE');
    const [a, b] = [new AlertEngine(t().deps, { periodicMs: 3_600_000 }), new AlertEngine(t().deps, { periodicMs: 3_600_000 })];
    await Promise.all([a.tick(), b.tick()]);
    const rows = await t().deps.db.selectFrom('alerts').select(['occurrences']).where('subject_lot', '=', 'TWICE').execute();
    expect(rows.map((r) => r.occurrences)).toEqual([1]);
  });
});
