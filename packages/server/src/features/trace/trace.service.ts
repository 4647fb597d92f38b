import { formatShanghaiInstant, parseUdi } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope, type DataScope } from '../auth/data-scope.ts';
import { can, requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { objectIdentity } from '../epcis/epcis-identifiers.ts';
import { restrictionView } from '../lot-restrictions/lot-restrictions.service.ts';
import { effectOf } from './projection-fold.ts';
import { traceRepository as repo, type OrgRow, type ReadingRow, type StepRow } from './trace.repository.ts';

/** How an organisation appears in a trace: in full inside the caller's scope, else by name and region only. */
export interface TraceOrganization {
  organizationId: number | null;
  gln: string | null;
  name: string;
  regionCode: string;
  restricted: boolean;
}

const LOT_UNITS_LIMIT = 1000;

interface LotReads {
  holdings: Awaited<ReturnType<typeof repo.lotHoldings>>;
  units: Awaited<ReturnType<typeof repo.lotUnits>>;
}

/** Celsius from a reading's unit (UN/CEFACT CEL, FAH, KEL); null when not a temperature in a known unit. */
function celsius(value: number | null, uom: string | null): number | null {
  if (value === null) return null;
  switch ((uom ?? 'CEL').toUpperCase()) {
    case 'CEL':
      return value;
    case 'FAH':
      return ((value - 32) * 5) / 9;
    case 'KEL':
      return value - 273.15;
    default:
      return null;
  }
}

/** Codes under which a scanned / typed label may be interned, most specific first. */
function candidateCodes(input: string): string[] {
  const text = input.trim();
  const out = [objectIdentity(text).code];
  const parsed = parseUdi(text);
  if (parsed.ok) out.push(parsed.value.canonicalKey);
  out.push(text);
  return [...new Set(out)];
}

/** Extension fields of an event whose local name matches (e.g. `lj:patientKey`, `ext:department`). */
function extension(event: Record<string, unknown>, pattern: RegExp): string | null {
  for (const [k, v] of Object.entries(event)) {
    const local = k.replace(/^.*[:#/]/, '');
    if (pattern.test(local) && (typeof v === 'string' || typeof v === 'number')) return String(v);
  }
  return null;
}

/**
 * Full-chain trace of one code (issue 3, item 6). Scoping (DESIGN.md decision 7):
 *  - a national or provincial-wide regulator sees everything;
 *  - a regulator with a jurisdiction sees a trace when any step involves an organisation inside it;
 *    steps outside still appear (the chain must stay whole to be useful), but their organisations
 *    are reduced to name and region, and their documents are withheld;
 *  - an organisation sees only the steps in which it took part (the event names it or it submitted
 *    the event) and the use records of those steps;
 *  - with no visible step the code is answered 404, as if unknown, so existence does not leak.
 */
export class TraceService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async trace(ctx: RequestContext, code: string) {
    requirePermission(ctx.actor, 'trace.read');
    if (!code.trim() || code.length > 500) throw new AppError(400, 'trace.invalid_code', { code: code.slice(0, 100) });
    const { db, audit } = this.#deps;
    const scope = businessScope(ctx.actor);
    const identity = objectIdentity(code.trim());
    // A lot named only through its units (no lot-level event interned it) is still a lot to go forward from.
    const lotKey = identity.kind === 'lgtin' && identity.di && identity.lot ? { di: identity.di, lot: identity.lot } : null;
    // One statement reads the object, path, readings, state, containers, product, organisations,
    // lot restrictions and AE reports (issue 3's p99 ≤ 20 ms); a lot's forward reads go alongside it on another connection.
    // Reports are scoped as the adverse-event list is for this caller.
    const [bundle, lotReads] = await Promise.all([
      repo.bundle(db, candidateCodes(code), { di: lotKey?.di ?? null, lot: lotKey?.lot ?? null }, can(ctx.actor, 'adverse_events.read') ? scope : { kind: 'none' }),
      lotKey ? this.#lotReads(lotKey.di, lotKey.lot) : undefined,
    ]);
    const { steps, state, product, orgs, readings } = bundle;
    const object = bundle.object ?? (lotKey ? { objectId: null, ...identity } : null);
    if (!object) throw notFound('udi', code);
    const isLot = object.kind === 'lgtin';
    // The code named a lot some other way (rare): read its forward data now.
    const forward = isLot && object.di && object.lot ? (lotReads ?? (await this.#lotReads(object.di, object.lot))) : undefined;
    const holdings = forward?.holdings ?? [];
    const missing = [...holdings.map((h) => h.holderOrgId), ...(forward?.units ?? []).map((u) => u.holderOrgId)].filter((id): id is number => id !== null && !orgs.has(id));
    if (missing.length > 0) for (const [id, o] of await repo.organizations(db, missing)) orgs.set(id, o);

    const stepVisible = (s: StepRow) => this.#stepInScope(scope, s, orgs);
    const visible = scope.kind === 'organization' ? steps.filter(stepVisible) : steps;
    const anyInScope = steps.some(stepVisible) || holdings.some((h) => organizationInScope(scope, { id: h.holderOrgId, regionCode: h.regionCode }));
    if (!anyInScope) throw notFound('udi', code);

    const show = (id: number | null): TraceOrganization | null => {
      const o = id === null ? undefined : orgs.get(id);
      if (!o) return null;
      return organizationInScope(scope, o)
        ? { organizationId: o.id, gln: o.gln, name: o.name, regionCode: o.regionCode, restricted: false }
        : { organizationId: null, gln: null, name: o.name, regionCode: o.regionCode, restricted: true };
    };
    const range = product ? { min: product.storageMinC, max: product.storageMaxC } : { min: null, max: null };
    const readingsOf = new Map<number, ReadingRow[]>();
    for (const r of readings) readingsOf.set(r.eventId, [...(readingsOf.get(r.eventId) ?? []), r]);

    const path = visible.map((s) => {
      const effect = effectOf(s);
      const orgId = effect === 'ship' || effect === 'return' ? (s.sourceOrgIds[0] ?? s.locationOrgId) : effect === 'receive' ? (s.destinationOrgIds[0] ?? s.locationOrgId) : (s.locationOrgId ?? s.submitterOrgId);
      const organization = show(orgId ?? null);
      const inside = organization !== null && !organization.restricted;
      const temps = (readingsOf.get(s.eventId) ?? []).map((r) => {
        const values = [r.value, r.minValue, r.maxValue].map((v) => (r.type === null || r.type === 'Temperature' ? celsius(v, r.uom) : null)).filter((v): v is number => v !== null);
        const excursion = values.length > 0 && ((range.min !== null && values.some((v) => v < (range.min as number))) || (range.max !== null && values.some((v) => v > (range.max as number))));
        return { time: r.time.toISOString(), type: r.type, value: r.value, minValue: r.minValue, maxValue: r.maxValue, uom: r.uom, deviceId: r.deviceId, excursion };
      });
      const docs = Array.isArray(s.event.bizTransactionList) ? (s.event.bizTransactionList as { type?: string; bizTransaction?: string }[]) : [];
      return {
        eventId: s.eventId, time: s.eventTime.toISOString(), eventType: s.eventType, action: s.action, bizStep: s.bizStep, disposition: s.disposition,
        effect, ...organization_(organization), organization,
        from: effect === 'ship' || effect === 'return' || effect === 'receive' ? show(s.sourceOrgIds[0] ?? null) : null,
        to: effect === 'ship' || effect === 'return' || effect === 'receive' ? show(s.destinationOrgIds[0] ?? null) : null,
        location: inside ? s.bizLocation ?? s.readPoint : null,
        via: s.viaCode, quantity: s.quantity,
        documents: inside ? docs.map((d) => ({ type: d.type ?? null, id: d.bizTransaction ?? null })) : [],
        readings: temps,
        excursion: temps.some((t) => t.excursion),
      };
    });

    const use = path.filter((p) => p.effect === 'use').map((p) => {
      const step = visible.find((s) => s.eventId === p.eventId) as StepRow;
      const patientKey = extension(step.event, /^patient(Key|Id|ID)?$/i);
      return {
        eventId: p.eventId, time: p.time, organization: p.organization, department: extension(step.event, /^department$/i),
        // No grant mechanism exists yet: patient keys are always masked.
        patientKey: null, patientKeyPresent: patientKey !== null, masked: true,
      };
    });

    const commissioning = steps.find((s) => s.bizStep === 'commissioning');
    const lot = object.di && object.lot
      ? {
          di: object.di, lot: object.lot,
          factory: commissioning ? show(commissioning.locationOrgId ?? commissioning.submitterOrgId) : null,
          commissionedAt: commissioning ? commissioning.eventTime.toISOString() : null,
          ...(forward ? this.#lotForward(scope, forward, show) : {}),
        }
      : null;
    const unit = isLot || object.kind === 'gtin'
      ? null
      : {
          code: object.code, kind: object.kind, di: object.di, lot: object.lot, serial: object.serial,
          state: state && (scope.kind !== 'organization' || state.holder_org_id === scope.organizationId)
            ? {
                holder: show(state.holder_org_id), status: state.status, inTransit: state.in_transit, destination: show(state.destination_org_id),
                lastBizStep: state.last_biz_step, disposition: state.disposition, lastEventTime: state.last_event_time ? new Date(state.last_event_time).toISOString() : null,
              }
            : null,
          ...(object.kind === 'sscc' && object.objectId !== null ? { contents: await repo.contents(db, object.objectId) } : {}),
        };
    const containers = scope.kind === 'organization' ? [] : bundle.containers;

    // Off the hot path: recorded in the chain by the next batch flush (AuditService.recordSoon explains the guarantee).
    audit.recordSoon(db, whoFrom(ctx), { action: 'trace.read', objectType: 'udi', objectId: object.code, details: { input: code.slice(0, 200), steps: path.length } });
    return {
      code: { input: code, canonical: object.code, kind: object.kind },
      product: product
        ? {
            id: product.productId, name: product.name, model: product.model, deviceKind: product.deviceKind, di: product.di, packageLevel: product.packageLevel,
            storageMinC: product.storageMinC, storageMaxC: product.storageMaxC,
            registration: {
              id: product.registrationId, number: product.registrationNumber, managementClass: product.managementClass, status: product.registrationStatus,
              validFrom: product.registrationValidFrom, validTo: product.registrationValidTo, holder: show(product.holderId),
            },
          }
        : null,
      lot, unit, path, containers, use,
      // No patient field: reports about this unit (match 'unit') or its lot ('lot'), scoped as the AE list.
      reports: bundle.reports.map((r) => ({ ...r, deadline: r.deadline && formatShanghaiInstant(new Date(r.deadline)), patientKey: null, masked: true })),
      // Suspensions and recalls of the lot, in force and lifted (features/lot-restrictions), read in the
      // bundle under the same DI and lot as `object` (the bundle's keys), unscoped like the lot itself.
      recalls: object.di && object.lot ? bundle.recalls.map(restrictionView) : [],
    };
  }

  /** A lot's holders (lot_holdings) and its units with their current state. */
  async #lotReads(di: string, lot: string): Promise<LotReads> {
    const [holdings, units] = await Promise.all([repo.lotHoldings(this.#deps.db, [{ di, lot }]), repo.lotUnits(this.#deps.db, di, lot, LOT_UNITS_LIMIT)]);
    return { holdings, units };
  }

  /** Forward from a lot: its holders and its units, as far as the caller may see them. */
  #lotForward(scope: DataScope, { holdings, units }: LotReads, show: (id: number | null) => TraceOrganization | null) {
    const visibleHolder = (id: number | null) => scope.kind !== 'organization' || id === scope.organizationId;
    const unitRows = units.filter((u) => visibleHolder(u.holderOrgId));
    return {
      unitCount: units[0]?.total ?? 0,
      holders: holdings.filter((h) => visibleHolder(h.holderOrgId)).map((h) => ({
        ...show(h.holderOrgId), received: h.received, inStock: h.inStock, inTransit: h.inTransit, used: h.used, returned: h.returned, destroyed: h.destroyed,
      })),
      units: unitRows.map((u) => ({ code: u.code, serial: u.serial, holder: show(u.holderOrgId), status: u.status, inTransit: u.inTransit, lastEventTime: u.lastEventTime })),
      unitsTruncated: (units[0]?.total ?? 0) > LOT_UNITS_LIMIT,
    };
  }

  #stepInScope(scope: DataScope, s: StepRow, orgs: Map<number, OrgRow>): boolean {
    switch (scope.kind) {
      case 'all':
        return true;
      case 'none':
        return false;
      case 'organization':
        return s.involvedOrgIds.includes(scope.organizationId) || s.submitterOrgId === scope.organizationId;
      case 'region':
        return s.involvedOrgIds.some((id) => {
          const o = orgs.get(id);
          return o !== undefined && organizationInScope(scope, o);
        });
    }
  }
}

/** The fixed-point fields of a path step's organisation, flat on the step. */
function organization_(o: TraceOrganization | null) {
  return { organizationId: o?.organizationId ?? null, gln: o?.gln ?? null, name: o?.name ?? null, regionCode: o?.regionCode ?? null };
}
