import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeCondition } from '../../db/scope-sql.ts';
import type { DataScope } from '../auth/data-scope.ts';

export type DocumentKind = 'purchase_contract' | 'delivery_note';
export type ReceiptCondition = 'good' | 'damaged' | 'temperature_excursion';

export interface DocumentRow {
  id: number;
  kind: DocumentKind;
  number: string;
  organizationId: number;
  supplierOrganizationId: number;
  supplierName: string;
  supplierRegionCode: string;
  buyerOrganizationId: number;
  buyerName: string;
  buyerRegionCode: string;
  documentDate: string;
  deliveryDate: string | null;
  contractId: number | null;
  shippingEventId: number | null;
  receivingEventId: number | null;
  eventLink: 'given' | 'document_number' | 'none';
  note: string | null;
  createdAt: Date;
}

export interface LineRow {
  documentId: number;
  lineNo: number;
  productDi: string;
  lot: string | null;
  serial: string | null;
  quantity: number;
}

export interface NewDocument {
  kind: DocumentKind;
  number: string;
  organizationId: number;
  supplierOrganizationId: number;
  supplierRegionCode: string;
  buyerOrganizationId: number;
  buyerRegionCode: string;
  documentDate: string;
  deliveryDate: string | null;
  contractId: number | null;
  shippingEventId: number | null;
  receivingEventId: number | null;
  eventLink: 'given' | 'document_number' | 'none';
  note: string | null;
  lines: { productDi: string; lot: string | null; serial: string | null; quantity: number }[];
  createdByType: 'user' | 'token' | 'system';
  createdBy: number | null;
}

export interface DocumentFilter {
  kind?: DocumentKind;
  number?: string;
  organizationId?: number;
  productDi?: string;
  lot?: string;
  from?: string;
  to?: string;
}

export type DocumentSort = 'd.id' | 'd.document_date' | 'd.number';

export interface AcceptanceRow {
  id: number;
  organizationId: number;
  organizationName: string;
  regionCode: string;
  deliveryNoteId: number | null;
  deliveryNoteNumber: string | null;
  receivingEventId: number | null;
  receivedAt: Date;
  inspector: string;
  condition: ReceiptCondition;
  temperatureC: number | null;
  accepted: boolean;
  reason: string | null;
  discrepancy: boolean;
  createdAt: Date;
}

export interface AcceptanceLineRow {
  acceptanceId: number;
  lineNo: number;
  productDi: string;
  lot: string | null;
  serial: string | null;
  expectedQuantity: number | null;
  checkedQuantity: number;
}

export interface NewAcceptance {
  organizationId: number;
  regionCode: string;
  deliveryNoteId: number | null;
  receivingEventId: number | null;
  receivedAt: string;
  inspector: string;
  condition: ReceiptCondition;
  temperatureC: number | null;
  accepted: boolean;
  reason: string | null;
  discrepancy: boolean;
  lines: { productDi: string; lot: string | null; serial: string | null; expectedQuantity: number | null; checkedQuantity: number }[];
  createdByType: 'user' | 'token' | 'system';
  createdBy: number | null;
}

export interface AcceptanceFilter {
  deliveryNoteId?: number;
  discrepancy?: boolean;
  accepted?: boolean;
  organizationId?: number;
  from?: string;
  to?: string;
}

export type AcceptanceSort = 'a.id' | 'a.received_at';

/** A document is the supplier's and the buyer's; a regulator sees it when either party is in its jurisdiction. */
function documentVisible(scope: DataScope): RawBuilder<boolean> {
  if (scope.kind === 'organization') return sql<boolean>`(d.supplier_organization_id = ${scope.organizationId} or d.buyer_organization_id = ${scope.organizationId})`;
  if (scope.kind === 'region') return sql<boolean>`(d.supplier_region_code like ${`${scope.prefix}%`} or d.buyer_region_code like ${`${scope.prefix}%`})`;
  return scopeCondition(scope, 'd.organization_id', 'd.supplier_region_code');
}

function documents(db: Kysely<DB>, scope: DataScope, f: DocumentFilter) {
  let q = db
    .selectFrom('distribution_documents as d')
    .innerJoin('organizations as s', 's.id', 'd.supplier_organization_id')
    .innerJoin('organizations as b', 'b.id', 'd.buyer_organization_id')
    .where(documentVisible(scope));
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.number) q = q.where('d.number', '=', f.number);
  if (f.organizationId !== undefined) q = q.where((eb) => eb.or([eb('d.supplier_organization_id', '=', f.organizationId!), eb('d.buyer_organization_id', '=', f.organizationId!)]));
  if (f.from) q = q.where('d.document_date', '>=', f.from);
  if (f.to) q = q.where('d.document_date', '<=', f.to);
  if (f.productDi || f.lot) {
    q = q.where((eb) => eb.exists(eb.selectFrom('distribution_document_lines as l').select('l.line_no').whereRef('l.document_id', '=', 'd.id')
      .$if(f.productDi !== undefined, (s) => s.where('l.product_di', '=', f.productDi!))
      .$if(f.lot !== undefined, (s) => s.where('l.lot', '=', f.lot!))));
  }
  return q;
}

const documentColumns = [
  'd.id', 'd.kind', 'd.number', 'd.organization_id as organizationId', 'd.supplier_organization_id as supplierOrganizationId', 's.name as supplierName',
  'd.supplier_region_code as supplierRegionCode', 'd.buyer_organization_id as buyerOrganizationId', 'b.name as buyerName', 'd.buyer_region_code as buyerRegionCode',
  'd.document_date as documentDate', 'd.delivery_date as deliveryDate', 'd.contract_id as contractId', 'd.shipping_event_id as shippingEventId',
  'd.receiving_event_id as receivingEventId', 'd.event_link as eventLink', 'd.note', 'd.created_at as createdAt',
] as const;

function acceptances(db: Kysely<DB>, scope: DataScope, f: AcceptanceFilter) {
  let q = db
    .selectFrom('receiving_acceptances as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .leftJoin('distribution_documents as d', 'd.id', 'a.delivery_note_id')
    .where(scope.kind === 'organization'
      // The supplier of the delivery note sees how its goods were received.
      ? sql<boolean>`(a.organization_id = ${scope.organizationId} or d.supplier_organization_id = ${scope.organizationId})`
      : scopeCondition(scope, 'a.organization_id', 'a.region_code'));
  if (f.deliveryNoteId !== undefined) q = q.where('a.delivery_note_id', '=', f.deliveryNoteId);
  if (f.discrepancy !== undefined) q = q.where('a.discrepancy', '=', f.discrepancy);
  if (f.accepted !== undefined) q = q.where('a.accepted', '=', f.accepted);
  if (f.organizationId !== undefined) q = q.where('a.organization_id', '=', f.organizationId);
  if (f.from) q = q.where(sql<boolean>`(a.received_at at time zone 'Asia/Shanghai')::date >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`(a.received_at at time zone 'Asia/Shanghai')::date <= ${f.to}::date`);
  return q;
}

const acceptanceColumns = [
  'a.id', 'a.organization_id as organizationId', 'o.name as organizationName', 'a.region_code as regionCode', 'a.delivery_note_id as deliveryNoteId',
  'd.number as deliveryNoteNumber', 'a.receiving_event_id as receivingEventId', 'a.received_at as receivedAt', 'a.inspector', 'a.condition',
  'a.temperature_c as temperatureC', 'a.accepted', 'a.reason', 'a.discrepancy', 'a.created_at as createdAt',
] as const;

export const distributionDocumentsRepository = {
  async list(db: Kysely<DB>, scope: DataScope, f: DocumentFilter, page: { limit: number; offset: number }, sort: { column: DocumentSort; direction: 'asc' | 'desc' }) {
    const [items, total] = await Promise.all([
      documents(db, scope, f).select(documentColumns).orderBy(sort.column, sort.direction).orderBy('d.id').limit(page.limit).offset(page.offset).execute(),
      documents(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as DocumentRow[], total: Number(total.n) };
  },

  async findById(db: Kysely<DB>, id: number, scope: DataScope): Promise<DocumentRow | undefined> {
    return (await documents(db, scope, {}).select(documentColumns).where('d.id', '=', id).executeTakeFirst()) as DocumentRow | undefined;
  },

  /** A document the organisation recorded or is a party to, by kind and number (the newest). */
  async findByNumber(db: Kysely<DB>, organizationId: number, kind: DocumentKind, number: string): Promise<{ id: number } | undefined> {
    return db.selectFrom('distribution_documents').select('id')
      .where('kind', '=', kind).where('number', '=', number)
      .where((eb) => eb.or([eb('supplier_organization_id', '=', organizationId), eb('buyer_organization_id', '=', organizationId)]))
      .orderBy('id', 'desc').executeTakeFirst();
  },

  async numberTaken(db: Kysely<DB>, organizationId: number, kind: DocumentKind, number: string): Promise<boolean> {
    return (await db.selectFrom('distribution_documents').select('id').where('organization_id', '=', organizationId).where('kind', '=', kind).where('number', '=', number).executeTakeFirst()) !== undefined;
  },

  async lines(db: Kysely<DB>, documentIds: number[]): Promise<LineRow[]> {
    if (documentIds.length === 0) return [];
    return db.selectFrom('distribution_document_lines')
      .select(['document_id as documentId', 'line_no as lineNo', 'product_di as productDi', 'lot', 'serial', 'quantity'])
      .where('document_id', 'in', documentIds).orderBy('document_id').orderBy('line_no').execute();
  },

  async insert(db: Kysely<DB>, d: NewDocument): Promise<number> {
    const { id } = await db.insertInto('distribution_documents').values({
      kind: d.kind, number: d.number, organization_id: d.organizationId, supplier_organization_id: d.supplierOrganizationId,
      supplier_region_code: d.supplierRegionCode, buyer_organization_id: d.buyerOrganizationId, buyer_region_code: d.buyerRegionCode,
      document_date: d.documentDate, delivery_date: d.deliveryDate, contract_id: d.contractId, shipping_event_id: d.shippingEventId,
      receiving_event_id: d.receivingEventId, event_link: d.eventLink, note: d.note, created_by_type: d.createdByType, created_by: d.createdBy,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('distribution_document_lines')
      .values(d.lines.map((l, i) => ({ document_id: id, line_no: i + 1, product_di: l.productDi, lot: l.lot, serial: l.serial, quantity: l.quantity })))
      .execute();
    return id;
  },

  /** Which of these DIs are registered. */
  async registeredDis(db: Kysely<DB>, dis: string[]): Promise<Set<string>> {
    if (dis.length === 0) return new Set();
    const rows = await db.selectFrom('product_dis').select('di').where('di', 'in', [...new Set(dis)]).execute();
    return new Set(rows.map((r) => r.di));
  },

  async organization(db: Kysely<DB>, id: number): Promise<{ id: number; type: string; regionCode: string } | undefined> {
    return db.selectFrom('organizations').select(['id', 'type', 'region_code as regionCode']).where('id', '=', id).executeTakeFirst();
  },

  async listAcceptances(db: Kysely<DB>, scope: DataScope, f: AcceptanceFilter, page: { limit: number; offset: number }, sort: { column: AcceptanceSort; direction: 'asc' | 'desc' }) {
    const [items, total] = await Promise.all([
      acceptances(db, scope, f).select(acceptanceColumns).orderBy(sort.column, sort.direction).orderBy('a.id').limit(page.limit).offset(page.offset).execute(),
      acceptances(db, scope, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as AcceptanceRow[], total: Number(total.n) };
  },

  async findAcceptance(db: Kysely<DB>, id: number, scope: DataScope): Promise<AcceptanceRow | undefined> {
    return (await acceptances(db, scope, {}).select(acceptanceColumns).where('a.id', '=', id).executeTakeFirst()) as AcceptanceRow | undefined;
  },

  async acceptanceLines(db: Kysely<DB>, ids: number[]): Promise<AcceptanceLineRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('receiving_acceptance_lines')
      .select(['acceptance_id as acceptanceId', 'line_no as lineNo', 'product_di as productDi', 'lot', 'serial', 'expected_quantity as expectedQuantity', 'checked_quantity as checkedQuantity'])
      .where('acceptance_id', 'in', ids).orderBy('acceptance_id').orderBy('line_no').execute();
  },

  async acceptanceIdsOf(db: Kysely<DB>, deliveryNoteId: number): Promise<number[]> {
    return (await db.selectFrom('receiving_acceptances').select('id').where('delivery_note_id', '=', deliveryNoteId).orderBy('id').execute()).map((r) => r.id);
  },

  async insertAcceptance(db: Kysely<DB>, a: NewAcceptance): Promise<number> {
    const { id } = await db.insertInto('receiving_acceptances').values({
      organization_id: a.organizationId, region_code: a.regionCode, delivery_note_id: a.deliveryNoteId, receiving_event_id: a.receivingEventId,
      received_at: a.receivedAt, inspector: a.inspector, condition: a.condition, temperature_c: a.temperatureC, accepted: a.accepted,
      reason: a.reason, discrepancy: a.discrepancy, created_by_type: a.createdByType, created_by: a.createdBy,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('receiving_acceptance_lines').values(a.lines.map((l, i) => ({
      acceptance_id: id, line_no: i + 1, product_di: l.productDi, lot: l.lot, serial: l.serial, expected_quantity: l.expectedQuantity, checked_quantity: l.checkedQuantity,
    }))).execute();
    return id;
  },
};
