import { hasValidGs1CheckDigit, parseRegistrationNumber, type Issue } from '@lianjian/core';
import type { AppDeps } from '../../app-context.ts';
import type { DiAgency } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope, organizationInScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { SYSTEM } from '../organizations/organizations.service.ts';
import { productsRepository, type DiRow, type ProductFilter, type ProductRow, type ProductSort, type RegistrationRow } from './products.repository.ts';
import { withTransaction } from '../../db/transaction.ts';

export interface DiInput {
  di: string;
  agency: DiAgency;
  packageLevel: number;
  packageLevelName?: string | null;
  quantityPerPackage?: number;
  containsDi?: string | null;
}

export interface NewProduct {
  registrationId: number;
  name: string;
  nameEn?: string | null;
  model: string;
  specification?: string | null;
  deviceKind: string;
  storageMinC?: number | null;
  storageMaxC?: number | null;
  storageNote?: string | null;
  piElements?: string[];
  singleUse?: boolean;
  implantable?: boolean;
  sterile?: boolean;
  dis: DiInput[];
}

export interface NewRegistration {
  number: string;
  holderId: number;
  managementClass: 1 | 2 | 3;
  productName: string;
  issuer: string;
  validFrom: string;
  validTo?: string | null;
}

export type ProductView = ProductRow & { di: string | null; agency: DiAgency | null; packageLevel: number | null; dis: Omit<DiRow, 'productId'>[] };

/** A DI's own format by issuing agency. GS1: a GTIN-14 with its check digit (GTIN-8/12/13 are left-padded to 14 by the caller). */
export function diIssues(d: DiInput, index: number): Issue[] {
  const path = ['dis', index, 'di'];
  if (d.agency === 'GS1') {
    if (!/^\d{14}$/.test(d.di)) return [{ code: 'product.di_invalid', path, params: { di: d.di, reason: 'GTIN-14: 14 digits' } }];
    if (!hasValidGs1CheckDigit(d.di)) return [{ code: 'product.di_invalid', path, params: { di: d.di, reason: 'GS1 mod-10 check digit' } }];
    return [];
  }
  if (d.agency === 'MA' && !/^MA\.\d{3}\.[A-Z0-9.]+$/.test(d.di)) return [{ code: 'product.di_invalid', path, params: { di: d.di, reason: 'MA code: MA.<3-digit country>.…' } }];
  if (!/^[A-Z0-9.+/$-]{4,50}$/.test(d.di)) return [{ code: 'product.di_invalid', path, params: { di: d.di, reason: 'characters A–Z, 0–9, . + / $ -' } }];
  return [];
}

function toView(p: ProductRow, dis: DiRow[]): ProductView {
  const own = dis.filter((d) => d.productId === p.id).map(({ productId: _p, ...d }) => d);
  const base = own[0] ?? null;
  return { ...p, di: base?.di ?? null, agency: base?.agency ?? null, packageLevel: base?.packageLevel ?? null, dis: own };
}

export class ProductsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async list(ctx: RequestContext, f: ProductFilter, page: Page, sort: { column: ProductSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'products.read');
    const { db } = this.#deps;
    const r = await productsRepository.list(db, f, page, sort);
    const dis = await productsRepository.disOf(db, r.items.map((p) => p.id));
    return { total: r.total, items: r.items.map((p) => toView(p, dis)) };
  }

  async get(ctx: RequestContext, id: number): Promise<ProductView> {
    requirePermission(ctx.actor, 'products.read');
    const p = await productsRepository.findById(this.#deps.db, id);
    if (!p) throw notFound('product', id);
    return toView(p, await productsRepository.disOf(this.#deps.db, [id]));
  }

  async listRegistrations(ctx: RequestContext, f: { regionPrefix?: string; holderId?: number; q?: string; managementClass?: number }, page: Page) {
    requirePermission(ctx.actor, 'registrations.read');
    return productsRepository.listRegistrations(this.#deps.db, f, page);
  }

  /** Records a registration certificate or filing (regulator whose jurisdiction holds the registrant). */
  async createRegistration(ctx: RequestContext | null, input: NewRegistration): Promise<RegistrationRow> {
    if (ctx) requirePermission(ctx.actor, 'registrations.write');
    const { db, audit } = this.#deps;
    const issues: Issue[] = [];
    const parsed = parseRegistrationNumber(input.number);
    if (!parsed.ok) issues.push(...parsed.issues.map((i) => ({ ...i, path: ['number'] })));
    else if (parsed.value.managementClass !== input.managementClass) {
      issues.push({ code: 'registration.class_mismatch', path: ['managementClass'], params: { number: input.number, numberClass: parsed.value.managementClass, managementClass: input.managementClass } });
    }
    const holder = await organizationsRepository.findById(db, input.holderId, ctx ? businessScope(ctx.actor) : { kind: 'all' });
    if (!holder) issues.push({ code: 'not_found', path: ['holderId'], params: { objectType: 'organization', id: String(input.holderId) } });
    else if (holder.type !== 'manufacturer') issues.push({ code: 'registration.holder_type', path: ['holderId'] });
    if (issues.length || !parsed.ok) throw invalid(issues);
    return withTransaction(db, async (trx) => {
      const id = await productsRepository.insertRegistration(trx, {
        number: input.number, kind: parsed.value.kind, holderId: input.holderId, managementClass: input.managementClass, categoryCode: parsed.value.categoryCode,
        productName: input.productName, issuer: input.issuer, validFrom: input.validFrom, validTo: input.validTo ?? null,
      });
      await audit.record(trx, ctx ? whoFrom(ctx) : SYSTEM, { action: 'registration.create', objectType: 'registration', objectId: id, details: { number: input.number } });
      return (await productsRepository.findRegistration(trx, id)) as RegistrationRow;
    });
  }

  /** Adds a product and its DIs per package level under a registration (the registrant itself, or a regulator in jurisdiction). */
  async create(ctx: RequestContext | null, input: NewProduct): Promise<ProductView> {
    if (ctx) requirePermission(ctx.actor, 'products.write');
    const { db, audit } = this.#deps;
    const registration = await productsRepository.findRegistration(db, input.registrationId);
    if (!registration) throw invalid([{ code: 'not_found', path: ['registrationId'], params: { objectType: 'registration', id: String(input.registrationId) } }]);
    if (ctx) {
      const scope = businessScope(ctx.actor);
      if (ctx.actor.role === 'enterprise' && ctx.actor.organizationId !== registration.holderId) throw forbidden('product.not_holder');
      if (!organizationInScope(scope, { id: registration.holderId, regionCode: registration.regionCode })) throw forbidden('auth.out_of_scope');
    }
    const issues: Issue[] = input.dis.flatMap((d, i) => diIssues(d, i));
    const seen = new Set<string>();
    input.dis.forEach((d, i) => {
      if (seen.has(d.di)) issues.push({ code: 'product.di_duplicate', path: ['dis', i, 'di'], params: { di: d.di } });
      seen.add(d.di);
    });
    // The schema keeps one DI per package level and lets a package contain only a DI that exists: say so per field
    // instead of failing the insert with a 409 that names no field.
    input.dis.forEach((d, i) => {
      if (input.dis.findIndex((o) => o.packageLevel === d.packageLevel) < i) issues.push({ code: 'db.unique_violation', path: ['dis', i, 'packageLevel'], params: { constraint: 'product_dis_product_id_package_level_key' } });
      if (d.containsDi && !input.dis.some((o) => o.di === d.containsDi && o.packageLevel < d.packageLevel)) {
        issues.push({ code: 'db.foreign_key_violation', path: ['dis', i, 'containsDi'], params: { constraint: 'product_dis_contains_di_fkey' } });
      }
    });
    if (input.storageMinC != null && input.storageMaxC != null && input.storageMinC > input.storageMaxC) {
      issues.push({ code: 'product.storage_range', path: ['storageMinC'], params: { min: input.storageMinC, max: input.storageMaxC } });
    }
    const taken = await productsRepository.existingDis(db, input.dis.map((d) => d.di));
    for (const di of taken) issues.push({ code: 'db.unique_violation', path: ['dis', input.dis.findIndex((d) => d.di === di), 'di'], params: { constraint: 'product_dis_pkey' } });
    if (issues.length) throw invalid(issues);
    return withTransaction(db, async (trx) => {
      const id = await productsRepository.insert(trx, {
        registrationId: input.registrationId, name: input.name, nameEn: input.nameEn ?? null, model: input.model, specification: input.specification ?? null,
        deviceKind: input.deviceKind, storageMinC: input.storageMinC ?? null, storageMaxC: input.storageMaxC ?? null, storageNote: input.storageNote ?? null,
        piElements: input.piElements ?? [], singleUse: input.singleUse ?? false, implantable: input.implantable ?? false, sterile: input.sterile ?? false,
      });
      await productsRepository.insertDis(trx, input.dis.map((d) => ({ productId: id, di: d.di, agency: d.agency, packageLevel: d.packageLevel, packageLevelName: d.packageLevelName ?? null, quantityPerPackage: d.quantityPerPackage ?? 1, containsDi: d.containsDi ?? null })));
      await audit.record(trx, ctx ? whoFrom(ctx) : SYSTEM, { action: 'product.create', objectType: 'product', objectId: id, details: { registrationId: input.registrationId, dis: input.dis.map((d) => d.di) } });
      const row = await productsRepository.findById(trx, id);
      if (!row) throw new AppError(500, 'internal');
      return toView(row, await productsRepository.disOf(trx, [id]));
    });
  }
}
