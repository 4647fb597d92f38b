import { shanghaiDate } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import { notFound } from '../../http/app-error.ts';
import { adverseEventsRepository } from '../adverse-events/adverse-events.repository.ts';
import { viewOf as adverseEventView } from '../adverse-events/adverse-events.service.ts';
import { attachmentView } from '../attachments/attachments.service.ts';
import { attachmentsRepository } from '../attachments/attachments.repository.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope, type DataScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { effectiveStatus, licensesRepository } from '../licenses/licenses.repository.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { lotMovementsRepository } from '../production/lot-movements.repository.ts';
import { productionRepository } from '../production/production.repository.ts';
import { batchView, environmentView, flagView, materialView, releaseView } from '../production/production.service.ts';
import { qualityFlagsRepository } from '../production/quality-flags.repository.ts';
import { productsRepository } from '../products/products.repository.ts';
import { effectOf } from '../trace/projection-fold.ts';
import { traceRepository, type OrgRow } from '../trace/trace.repository.ts';
import { dossiersRepository } from './dossiers.repository.ts';
import { EXTRA_LOT_SECTIONS, EXTRA_ORGANIZATION_SECTIONS, type DossierSection, type LotDossierSubject, type OrganizationDossierSubject } from './dossier-sections.ts';

const LIST_LIMIT = 200;

/** An organisation as a dossier shows it: in full inside the caller's scope, by name and region only outside (as the trace does). */
function shown(scope: DataScope, o: OrgRow | undefined) {
  if (!o) return null;
  return organizationInScope(scope, o)
    ? { organizationId: o.id, name: o.name, regionCode: o.regionCode, type: o.type, restricted: false }
    : { organizationId: null, name: o.name, regionCode: o.regionCode, type: o.type, restricted: true };
}

/** Production: the batch with its materials (suppliers, qualification at production time), environment, release tests. */
const production: DossierSection<LotDossierSubject> = {
  key: 'production',
  async load({ deps, batch }) {
    if (!batch) return null;
    const { db } = deps;
    const [materials, readings, release] = await Promise.all([productionRepository.materialsOf(db, batch.id), productionRepository.readingsOf(db, batch.id), productionRepository.releaseOfBatch(db, batch.id)]);
    const { readings: _all, ...environment } = environmentView(batch.environmentLimits, readings);
    return {
      batch: batchView(batch),
      materials: materials.map((m) => materialView(m, batch.productionDate)),
      environment,
      release: release ? { ...releaseView(release), failedItems: release.items.filter((i) => !i.passed) } : null,
    };
  },
};

const flags: DossierSection<LotDossierSubject> = {
  key: 'qualityFlags',
  async load({ deps, batch }) {
    return batch ? (await qualityFlagsRepository.ofBatch(deps.db, batch.id)).map(flagView) : [];
  },
};

/** Distribution from the trace feature's projections: current holders (lot_holdings) and the custody movements. */
const distribution: DossierSection<LotDossierSubject> = {
  key: 'distribution',
  async load({ deps, scope, di, lot }) {
    const { db } = deps;
    const [holdings, moves] = await Promise.all([traceRepository.lotHoldings(db, [{ di, lot }]), lotMovementsRepository.movements(db, di, lot)]);
    const orgs = await traceRepository.organizations(db, [...holdings.map((h) => h.holderOrgId), ...moves.flatMap((m) => [...m.sourceOrgIds, ...m.destinationOrgIds])]);
    const custody = moves
      .map((m) => ({ m, effect: m.via === 'units' ? (m.custodyKind ?? 'neutral') : effectOf(m) }))
      .filter((x) => ['ship', 'receive', 'return'].includes(x.effect))
      .map(({ m, effect }) => ({
        eventId: m.eventId, time: m.eventTime.toISOString(), effect, quantity: m.quantity, via: m.via,
        from: shown(scope, orgs.get(m.sourceOrgIds[0] ?? -1)), to: shown(scope, orgs.get(m.destinationOrgIds[0] ?? -1)),
      }));
    return {
      holders: holdings
        .filter((h) => h.inStock + h.inTransit + h.used > 0)
        .map((h) => ({ ...shown(scope, orgs.get(h.holderOrgId)), received: h.received, inStock: h.inStock, inTransit: h.inTransit, used: h.used, returned: h.returned, destroyed: h.destroyed })),
      totals: holdings.reduce((t, h) => ({ inStock: t.inStock + h.inStock, inTransit: t.inTransit + h.inTransit, used: t.used + h.used, destroyed: t.destroyed + h.destroyed }), { inStock: 0, inTransit: 0, used: 0, destroyed: 0 }),
      firstShippedAt: custody.find((c) => c.effect === 'ship')?.time ?? null,
      custody,
    };
  },
};

const adverseEvents: DossierSection<LotDossierSubject> = {
  key: 'adverseEvents',
  async load({ deps, scope, di, lot }) {
    const r = await adverseEventsRepository.list(deps.db, scope, { productDi: di, lot }, { limit: LIST_LIMIT, offset: 0 }, { column: 'r.event_date', direction: 'asc' });
    return { total: r.total, items: r.items.map(adverseEventView) };
  },
};

const attachments: DossierSection<LotDossierSubject> = {
  key: 'attachments',
  async load({ deps, scope, batch }) {
    if (!batch) return [];
    const receipts = (await productionRepository.materialsOf(deps.db, batch.id)).map((m) => ({ type: 'material_receipt' as const, id: m.receiptId }));
    return (await attachmentsRepository.ofSubjects(deps.db, scope, [{ type: 'batch', id: batch.id }, ...receipts])).map(attachmentView);
  },
};

const LOT_SECTIONS: DossierSection<LotDossierSubject>[] = [production, flags, distribution, adverseEvents, attachments];

const licences: DossierSection<OrganizationDossierSubject> = {
  key: 'licenses',
  async load({ deps, scope, organizationId }) {
    const today = shanghaiDate(new Date());
    const r = await licensesRepository.list(deps.db, scope, { organizationId }, { limit: LIST_LIMIT, offset: 0 }, { column: 'l.valid_to', direction: 'asc' }, today);
    return r.items.map((l) => ({ id: l.id, kind: l.kind, number: l.number, scopeClasses: l.scopeClasses, issuer: l.issuer, validFrom: l.validFrom, validTo: l.validTo, status: l.status, effectiveStatus: effectiveStatus(l, today) }));
  },
};

const products: DossierSection<OrganizationDossierSubject> = {
  key: 'products',
  async load({ deps, organizationId }) {
    const r = await productsRepository.list(deps.db, { holderId: organizationId }, { limit: LIST_LIMIT, offset: 0 }, { column: 'p.id', direction: 'asc' });
    return { total: r.total, items: r.items.map((p) => ({ id: p.id, name: p.name, model: p.model, deviceKind: p.deviceKind, registrationNumber: p.registrationNumber, managementClass: p.managementClass, registrationValidTo: p.registrationValidTo, registrationStatus: p.registrationStatus })) };
  },
};

const batches: DossierSection<OrganizationDossierSubject> = {
  key: 'batches',
  async load({ deps, scope, organizationId }) {
    const r = await productionRepository.listBatches(deps.db, scope, { organizationId }, { limit: LIST_LIMIT, offset: 0 }, { column: 'b.production_date', direction: 'desc' });
    return { total: r.total, items: r.items.map(batchView) };
  },
};

const orgFlags: DossierSection<OrganizationDossierSubject> = {
  key: 'qualityFlags',
  async load({ deps, scope, organizationId }) {
    const r = await qualityFlagsRepository.list(deps.db, scope, { organizationId }, { limit: LIST_LIMIT, offset: 0 });
    return { total: r.total, items: r.items.map(flagView) };
  },
};

const timeliness: DossierSection<OrganizationDossierSubject> = {
  key: 'adverseEventReporting',
  load: ({ deps, organizationId }) => dossiersRepository.reportingTimeliness(deps.db, organizationId),
};

const ORGANIZATION_SECTIONS: DossierSection<OrganizationDossierSubject>[] = [licences, products, batches, orgFlags, timeliness];

async function assemble<S>(sections: DossierSection<S>[], subject: S): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // One after the other: on the embedded database there is one connection anyway, and order keeps the answer stable.
  for (const s of sections) out[s.key] = await s.load(subject);
  return out;
}

/**
 * Dossiers (issue 4, item 5): everything the platform knows about one lot or one organisation,
 * assembled from the owning features' repositories. Sensitive reads: scoped (404 outside) and audited.
 */
export class DossiersService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /**
   * A lot's dossier. Visible to a regulator when the manufacturer or any current holder lies in its
   * jurisdiction (as a trace is), to a manufacturer for its own lots.
   */
  async lot(ctx: RequestContext, di: string, lot: string) {
    requirePermission(ctx.actor, 'dossiers.read');
    const { db, audit } = this.#deps;
    const scope = businessScope(ctx.actor);
    const product = await traceRepository.product(db, di);
    const batchId = await productionRepository.batchIdOf(db, di, lot);
    const batch = batchId === undefined ? undefined : await productionRepository.findBatch(db, batchId, { kind: 'all' });
    if (!product || scope.kind === 'none') throw notFound('lot', `${di}/${lot}`);
    const manufacturerId = batch?.organizationId ?? product.holderId;
    const manufacturer = (await traceRepository.organizations(db, [manufacturerId])).get(manufacturerId);
    let visible = manufacturer !== undefined && organizationInScope(scope, manufacturer);
    if (!visible && scope.kind === 'region') {
      const holders = await traceRepository.lotHoldings(db, [{ di, lot }]);
      visible = holders.some((h) => h.inStock + h.inTransit + h.used > 0 && organizationInScope(scope, { id: h.holderOrgId, regionCode: h.regionCode }));
    }
    // A lot nobody recorded or moved is unknown, whoever asks.
    if (visible && !batch && (await lotMovementsRepository.movements(db, di, lot, 1)).length === 0) visible = false;
    if (!visible) throw notFound('lot', `${di}/${lot}`);

    const subject: LotDossierSubject = { deps: this.#deps, ctx, scope, di, lot, batch, manufacturerId };
    const sections = await assemble([...LOT_SECTIONS, ...EXTRA_LOT_SECTIONS], subject);
    await audit.recordNow(db, whoFrom(ctx), { action: 'dossier.lot.read', objectType: 'lot', objectId: `${di}/${lot}`, details: { batchId: batch?.id ?? null } });
    return {
      di, lot,
      product: {
        id: product.productId, name: product.name, model: product.model, deviceKind: product.deviceKind, di: product.di,
        registration: { id: product.registrationId, number: product.registrationNumber, managementClass: product.managementClass, status: product.registrationStatus, validFrom: product.registrationValidFrom, validTo: product.registrationValidTo },
      },
      manufacturer: manufacturer ? { id: manufacturer.id, name: manufacturer.name, regionCode: manufacturer.regionCode, gln: manufacturer.gln } : null,
      ...sections,
    };
  }

  /** An organisation's dossier: licences with effective status, products, batches, quality flags, AE reporting timeliness. */
  async organization(ctx: RequestContext, organizationId: number) {
    requirePermission(ctx.actor, 'dossiers.read');
    const { db, audit } = this.#deps;
    const scope = businessScope(ctx.actor);
    const org = await organizationsRepository.findById(db, organizationId, scope);
    if (!org) throw notFound('organization', organizationId);
    const sections = await assemble([...ORGANIZATION_SECTIONS, ...EXTRA_ORGANIZATION_SECTIONS], { deps: this.#deps, ctx, scope, organizationId });
    await audit.recordNow(db, whoFrom(ctx), { action: 'dossier.organization.read', objectType: 'organization', objectId: organizationId });
    return {
      organization: { id: org.id, type: org.type, name: org.name, creditCode: org.creditCode, regionCode: org.regionCode, regionName: org.regionName, address: org.address, gln: org.gln },
      ...sections,
    };
  }
}
