import type { AppDeps } from '../../app-context.ts';
import type { OrganizationType } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { Actor, RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope, type DataScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { regionsRepository } from '../regions/regions.repository.ts';
import { organizationIssues, sglnOf } from './organization-input.ts';
import { organizationsRepository, type DirectoryEntry, type DirectoryFilter, type LocationRow, type NewOrganization, type OrganizationFilter, type OrganizationRow, type OrganizationSort } from './organizations.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

export type OrganizationView = OrganizationRow & { locations: LocationRow[] };

/** The system admin administers accounts for every organisation, so sees the directory; others see their scope. */
export function organizationScope(actor: Actor): DataScope {
  return actor.role === 'sysadmin' ? { kind: 'all' } : businessScope(actor);
}

/** The most names one directory answer holds: enough to pick from, too few to copy the register page by page. */
export const DIRECTORY_MAX = 50;

export class OrganizationsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async list(ctx: RequestContext, filter: OrganizationFilter, page: Page, sort: { column: OrganizationSort; direction: 'asc' | 'desc' }): Promise<{ items: OrganizationView[]; total: number }> {
    requirePermission(ctx.actor, 'organizations.read');
    const { db } = this.#deps;
    const result = await organizationsRepository.list(db, organizationScope(ctx.actor), filter, page, sort);
    const locations = await organizationsRepository.locationsOf(db, result.items.map((o) => o.id));
    return { total: result.total, items: result.items.map((o) => ({ ...o, locations: locations.filter((l) => l.organizationId === o.id) })) };
  }

  /**
   * Organisations by name, credit code or GLN for the submitters' pickers (a hospital names its
   * supplier): any logged-in user, outside any scope, because the answer holds only what China's UDI
   * database and the licence registers publish anyway. Not audited for the same reason.
   */
  async directory(_ctx: RequestContext, filter: DirectoryFilter, limit: number): Promise<DirectoryEntry[]> {
    return organizationsRepository.directory(this.#deps.db, filter, Math.min(Math.max(limit, 1), DIRECTORY_MAX));
  }

  /** One organisation with its contacts; contacts are personal data, so the read is audited. */
  async get(ctx: RequestContext, id: number): Promise<OrganizationView> {
    requirePermission(ctx.actor, 'organizations.read');
    const { db, audit } = this.#deps;
    const org = await organizationsRepository.findById(db, id, organizationScope(ctx.actor));
    if (!org) throw notFound('organization', id);
    await audit.recordNow(db, whoFrom(ctx), { action: 'organization.read', objectType: 'organization', objectId: id });
    return { ...org, locations: await organizationsRepository.locationsOf(db, [id]) };
  }

  async create(ctx: RequestContext | null, input: NewOrganization): Promise<OrganizationView> {
    if (ctx) requirePermission(ctx.actor, 'organizations.write');
    const { db, audit } = this.#deps;
    const issues = organizationIssues(input);
    if (!(await regionsRepository.findCurrent(db, input.regionCode))) issues.push({ code: 'region.unknown', path: ['regionCode'], params: { code: input.regionCode } });
    if (ctx && !organizationInScope(organizationScope(ctx.actor), { id: -1, regionCode: input.regionCode })) {
      issues.push({ code: 'organization.region_out_of_scope', path: ['regionCode'], params: { code: input.regionCode } });
    }
    if (issues.length) throw invalid(issues);
    return withTransaction(db, async (trx) => {
      const id = await organizationsRepository.insert(trx, input);
      await audit.record(trx, ctx ? whoFrom(ctx) : SYSTEM, { action: 'organization.create', objectType: 'organization', objectId: id, details: { type: input.type, name: input.name, regionCode: input.regionCode } });
      const org = await organizationsRepository.findById(trx, id, { kind: 'all' });
      if (!org) throw new AppError(500, 'internal');
      return { ...org, locations: [] };
    });
  }

  async update(ctx: RequestContext, id: number, patch: Partial<Omit<NewOrganization, 'type' | 'creditCode'>>): Promise<OrganizationView> {
    requirePermission(ctx.actor, 'organizations.write');
    const { db, audit } = this.#deps;
    const scope = organizationScope(ctx.actor);
    const existing = await organizationsRepository.findById(db, id, scope);
    if (!existing) throw notFound('organization', id);
    // A new prefix must still fit the GLN on record, and a new GLN the prefix on record.
    const touchesGs1 = patch.gln !== undefined || patch.gs1CompanyPrefix !== undefined;
    const issues = touchesGs1 ? organizationIssues({ gln: patch.gln !== undefined ? patch.gln : existing.gln, gs1CompanyPrefix: patch.gs1CompanyPrefix !== undefined ? patch.gs1CompanyPrefix : existing.gs1CompanyPrefix }) : [];
    if (patch.regionCode) {
      if (!(await regionsRepository.findCurrent(db, patch.regionCode))) issues.push({ code: 'region.unknown', path: ['regionCode'], params: { code: patch.regionCode } });
      if (!organizationInScope(scope, { id: -1, regionCode: patch.regionCode })) issues.push({ code: 'organization.region_out_of_scope', path: ['regionCode'], params: { code: patch.regionCode } });
    }
    if (issues.length) throw invalid(issues);
    return withTransaction(db, async (trx) => {
      await organizationsRepository.update(trx, id, patch);
      await audit.record(trx, whoFrom(ctx), { action: 'organization.update', objectType: 'organization', objectId: id, details: { fields: Object.keys(patch) } });
      const org = (await organizationsRepository.findById(trx, id, { kind: 'all' })) as OrganizationRow;
      return { ...org, locations: await organizationsRepository.locationsOf(trx, [id]) };
    });
  }

  /** Adds a location (plant, warehouse, department …) identified by a GLN and extension, i.e. an SGLN. */
  async addLocation(ctx: RequestContext | null, organizationId: number, l: { name: string; kind: string; gln: string; extension?: string; regionCode?: string; address?: string | null }): Promise<LocationRow> {
    if (ctx) requirePermission(ctx.actor, 'organizations.write');
    const { db, audit } = this.#deps;
    const org = await organizationsRepository.findById(db, organizationId, ctx ? organizationScope(ctx.actor) : { kind: 'all' });
    if (!org) throw notFound('organization', organizationId);
    const issues = organizationIssues({ gln: l.gln, gs1CompanyPrefix: org.gs1CompanyPrefix });
    if (issues.length) throw invalid(issues);
    const extension = l.extension ?? '0';
    const row: Omit<LocationRow, 'id'> = {
      organizationId, name: l.name, kind: l.kind, gln: l.gln, extension, sgln: sglnOf(l.gln, org.gs1CompanyPrefix ?? '', extension),
      regionCode: l.regionCode ?? org.regionCode, address: l.address ?? null,
    };
    return withTransaction(db, async (trx) => {
      const id = await organizationsRepository.insertLocation(trx, row);
      await audit.record(trx, ctx ? whoFrom(ctx) : SYSTEM, { action: 'organization.location_add', objectType: 'organization', objectId: organizationId, details: { locationId: id, sgln: row.sgln } });
      return { id, ...row };
    });
  }
}

export const SYSTEM = { actorType: 'system' as const, actorId: null, actorName: 'system', ip: null, userAgent: null };
export type { OrganizationType };
