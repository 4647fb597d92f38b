import { shanghaiDate } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { organizationScope } from '../organizations/organizations.service.ts';
import { dashboardRepository, type RegionCount } from './dashboard.repository.ts';

/** How many calendar months the adverse-event trend shows, the current one included. */
export const TREND_MONTHS = 12;

/** The clock that decides which months are "the last twelve". A seam for tests; nothing else replaces it. */
export const dashboardClock = { now: (): Date => new Date() };

export interface DashboardSummary {
  organizationsByRegion: RegionCount[];
  adverseEventsByMonth: { month: string; count: number }[];
  totals: { organizations: number; adverseEvents: number };
}

/** 'YYYY-MM' shifted by whole months. @example addMonths('2026-01', -1) === '2025-12' */
function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The last `count` calendar months in Asia/Shanghai, oldest first, the current month last: at
 * 00:30 on 1 April in Shanghai it is already April there, though still March in UTC.
 */
export function trendMonths(now: Date, count = TREND_MONTHS): string[] {
  const current = shanghaiDate(now).slice(0, 7);
  return Array.from({ length: count }, (_, i) => addMonths(current, i - count + 1));
}

/**
 * The regulator dashboard's figures in one answer: organisations per region (the map), reports per
 * month (the trend) and the totals. The caller needs both lists' permissions and sees exactly what
 * those lists would show it: the same scopes, counted by the database rather than from a page of rows.
 */
export class DashboardService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async summary(ctx: RequestContext): Promise<DashboardSummary> {
    requirePermission(ctx.actor, 'organizations.read');
    requirePermission(ctx.actor, 'adverse_events.read');
    const { db } = this.#deps;
    const months = trendMonths(dashboardClock.now());
    const window = { from: `${months[0]}-01`, to: `${addMonths(months[months.length - 1] ?? '', 1)}-01` };
    // One after the other: the embedded database has a single connection anyway.
    const byRegion = await dashboardRepository.organizationsByRegion(db, organizationScope(ctx.actor));
    const byMonth = await dashboardRepository.adverseEventsByMonth(db, businessScope(ctx.actor), window);
    const counted = new Map(byMonth.map((m) => [m.month, m.count]));
    return {
      organizationsByRegion: byRegion,
      adverseEventsByMonth: months.map((month) => ({ month, count: counted.get(month) ?? 0 })),
      totals: {
        organizations: byRegion.reduce((sum, r) => sum + r.count, 0),
        adverseEvents: byMonth.reduce((sum, m) => sum + m.count, 0),
      },
    };
  }
}
