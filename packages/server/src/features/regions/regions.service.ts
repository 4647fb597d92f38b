import { shanghaiDate } from '@lianjian/core';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { requirePermission } from '../auth/permissions.ts';
import { loadSourceRegions, regionNameEn, regionSourceVersion, type SourceRegion } from './region-source.ts';
import { regionsRepository, type RegionFilter } from './regions.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

/**
 * Brings the regions table in line with the packaged GB/T 2260 table, keeping history: a code that
 * disappeared or was renamed gets `valid_to` = today and a renamed one a new row from today.
 * Runs at every start; a no-op when nothing changed.
 */
export async function syncRegions(db: Kysely<DB>, source: SourceRegion[] = loadSourceRegions(), today = shanghaiDate(new Date())): Promise<{ added: number; closed: number }> {
  return withTransaction(db, async (trx) => {
    const current = new Map((await regionsRepository.current(trx)).map((r) => [r.code, r]));
    const first = current.size === 0;
    const validFrom = first ? '1980-01-01' : today;
    const sourceCodes = new Set(source.map((s) => s.code));
    const changed = source.filter((s) => {
      const c = current.get(s.code);
      return c && (c.name !== s.name || c.parentCode !== s.parentCode);
    });
    const toClose = [...[...current.keys()].filter((code) => !sourceCodes.has(code)), ...changed.map((s) => s.code)];
    await regionsRepository.close(trx, toClose, today);
    const toAdd = [...source.filter((s) => !current.has(s.code)), ...changed];
    await regionsRepository.insertMany(trx, toAdd.map((s) => ({ ...s, validFrom, source: regionSourceVersion() })));
    return { added: toAdd.length, closed: toClose.length };
  });
}

export class RegionsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  async list(ctx: RequestContext, filter: RegionFilter, page: Page) {
    requirePermission(ctx.actor, 'regions.read');
    const r = await regionsRepository.list(this.#deps.db, filter, page);
    return { total: r.total, items: r.items.map((region) => ({ ...region, nameEn: regionNameEn(region.code, region.name) })) };
  }
}
