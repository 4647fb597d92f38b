import { formatShanghaiInstant, shanghaiDate } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import { notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope, type DataScope } from '../auth/data-scope.ts';
import { can, requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { productsRepository } from '../products/products.repository.ts';
import { productDossierRepository, type HolderScope, type LotScope, type ProductLotRow } from './product-dossier.repository.ts';

/** The clock the "last 12 months" trend is read against (tests pin it). */
export const productDossierClock = { now: (): Date => new Date() };

const LATEST_REPORTS = 20;
const ALERT_LIMIT = 50;
export const LOT_PAGE_MAX = 200;

/** The 12 months ending with the one `today` falls in, oldest first: ['2025-12', …, '2026-11']. */
export function lastTwelveMonths(today: string): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const k = y * 12 + (m - 1) - (11 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

function lotView(l: ProductLotRow) {
  const inForce = l.restrictions.filter((r) => r.liftedAt === null);
  return {
    di: l.di, lot: l.lot, batchId: l.batchId, produced: l.produced, productionDate: l.productionDate, expiryDate: l.expiryDate,
    received: l.received, inStock: l.inStock, inTransit: l.inTransit, used: l.used, holders: l.holders,
    restrictions: inForce.map((r) => ({ id: r.id, kind: r.kind, recallLevel: r.recallLevel, voluntary: r.voluntary, startedAt: formatShanghaiInstant(r.startedAt) })),
  };
}

/**
 * A product's dossier (issue 6 §2): registration and DIs, its lots with what is in circulation and the
 * measures in force, where it is now by region, its adverse events and open alerts. Scoped like the
 * lot dossier, lot by lot: the registrant (and a regulator over it) sees every lot; a regulator
 * elsewhere the lots made or held in its jurisdiction; a distributor or hospital the lots it holds,
 * with only its own holdings. Nothing visible is a 404, as for an unknown id. Sensitive read: audited.
 */
export class ProductDossierService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async product(ctx: RequestContext, productId: number, page: { limit: number; offset: number }) {
    requirePermission(ctx.actor, 'product_dossiers.read');
    const { db, audit } = this.#deps;
    const scope = businessScope(ctx.actor);
    const product = scope.kind === 'none' ? undefined : await productsRepository.findById(db, productId);
    if (!product) throw notFound('product', productId);
    const dis = await productsRepository.disOf(db, [productId]);
    const diCodes = dis.map((d) => d.di);
    const registrantInScope = organizationInScope(scope, { id: product.holderId, regionCode: product.regionCode });
    const lotScope: LotScope = registrantInScope ? { kind: 'all' } : scope;
    if (!registrantInScope && !(await productDossierRepository.anyLotVisible(db, productId, diCodes, lotScope))) throw notFound('product', productId);
    // A holder that is not the registrant sees its own stock, not its competitors' or customers'.
    const holderScope: HolderScope = scope.kind === 'organization' && !registrantInScope ? { kind: 'organization', organizationId: scope.organizationId } : { kind: 'all' };

    const lots = await productDossierRepository.lots(db, productId, diCodes, lotScope, holderScope, page);
    const regions = await productDossierRepository.holdingsByRegion(db, productId, diCodes, lotScope, holderScope);
    const adverseEvents = await this.#adverseEvents(scope, productId);
    const alerts = can(ctx.actor, 'alerts.read') ? (await productDossierRepository.openAlerts(db, scope, productId, diCodes, ALERT_LIMIT)) : null;
    await audit.recordNow(db, whoFrom(ctx), { action: 'dossier.product.read', objectType: 'product', objectId: productId, details: { lotsSeen: lots.total } });

    // A lot's own dossier opens for a regulator or the registrant (dossiers.read), as far as it sees the lot.
    const lotLinks = can(ctx.actor, 'dossiers.read') && (registrantInScope || scope.kind === 'region');
    return {
      product: {
        id: product.id, name: product.name, nameEn: product.nameEn, model: product.model, specification: product.specification, deviceKind: product.deviceKind,
        singleUse: product.singleUse, implantable: product.implantable, sterile: product.sterile,
      },
      registration: {
        id: product.registrationId, number: product.registrationNumber, kind: product.registrationKind, managementClass: product.managementClass, categoryCode: product.categoryCode,
        validFrom: product.registrationValidFrom, validTo: product.registrationValidTo, status: product.registrationStatus,
        registrant: registrantInScope
          ? { organizationId: product.holderId, name: product.holderName, regionCode: product.regionCode, restricted: false }
          : { organizationId: null, name: product.holderName, regionCode: product.regionCode, restricted: true },
      },
      dis: dis.map((d) => ({ di: d.di, agency: d.agency, packageLevel: d.packageLevel, packageLevelName: d.packageLevelName, quantityPerPackage: d.quantityPerPackage, containsDi: d.containsDi })),
      lots: { total: lots.total, limit: page.limit, offset: page.offset, lotDossierLinks: lotLinks, items: lots.items.map(lotView) },
      holdersByRegion: regions,
      adverseEvents,
      alerts: alerts && alerts.map((a) => ({ ...a, deadline: formatShanghaiInstant(a.deadline), createdAt: formatShanghaiInstant(a.createdAt) })),
    };
  }

  async #adverseEvents(scope: DataScope, productId: number) {
    const { db } = this.#deps;
    const months = lastTwelveMonths(shanghaiDate(productDossierClock.now()));
    const stats = await productDossierRepository.reportStats(db, scope, productId, `${months[0]}-01`);
    const latest = await productDossierRepository.latestReports(db, scope, productId, LATEST_REPORTS);
    return {
      cases: stats.cases, reports: stats.reports, serious: stats.serious, deaths: stats.deaths,
      byMonth: months.map((month) => ({ month, cases: stats.byMonth.get(month) ?? 0 })),
      latest: latest.map((r) => ({ ...r, submittedAt: formatShanghaiInstant(r.submittedAt) })),
    };
  }
}
