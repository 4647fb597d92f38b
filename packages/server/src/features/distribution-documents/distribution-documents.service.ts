import { formatShanghaiInstant, type Issue } from '@lianjian/core';
import type { DistributionDocumentInput } from '@lianjian/core/records/distribution';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom, type AuditWho } from '../audit/audit.service.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { recordEventsRepository, type DocumentEventRef } from '../use-records/record-events.repository.ts';
import { distributionDocumentsRepository as repo, type DocumentFilter, type DocumentRow, type DocumentSort, type LineRow } from './distribution-documents.repository.ts';

/** Who writes: an organisation, and how the audit log names the writer (the API's caller, or `system` for the demo loader). */
export interface Writer {
  organizationId: number;
  who: AuditWho;
  createdByType: 'user' | 'token' | 'system';
  createdBy: number | null;
}

export const writerOf = (ctx: RequestContext, organizationId: number): Writer => ({ organizationId, who: whoFrom(ctx), createdByType: ctx.actor.type, createdBy: ctx.actor.id });

export const CREATE_DOCUMENT_ROUTE = 'POST /api/distribution-documents';

export interface DocumentView extends Omit<DocumentRow, 'createdAt'> {
  lines: Omit<LineRow, 'documentId'>[];
  createdAt: string;
}

export function documentView(d: DocumentRow, lines: LineRow[]): DocumentView {
  return { ...d, lines: lines.filter((l) => l.documentId === d.id).map(({ documentId: _d, ...l }) => l), createdAt: formatShanghaiInstant(d.createdAt) };
}

/**
 * Purchase contracts and delivery notes. The supplier or the buyer records a document; it links to
 * the delivery's EPCIS shipping and receiving events, given by id or found by the document number
 * the events cite (the submissions feature writes `urn:epcglobal:cbv:bt:{gln}:{number}`).
 */
export class DistributionDocumentsService {
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async create(ctx: RequestContext, input: DistributionDocumentInput, idempotencyKey?: string): Promise<IdempotentResult<DocumentView>> {
    requirePermission(ctx.actor, 'distribution_documents.write');
    const organizationId = ctx.actor.organizationId;
    if (organizationId === null) throw new AppError(403, 'auth.forbidden', { permission: 'distribution_documents.write' });
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: CREATE_DOCUMENT_ROUTE, request: input }, async () => ({
        status: 201,
        body: await this.createIn(trx, writerOf(ctx, organizationId), input),
      })),
    );
  }

  /** Records a document inside the caller's transaction. */
  async createIn(trx: Kysely<DB>, writer: Writer, input: DistributionDocumentInput): Promise<DocumentView> {
    const { organizationId } = writer;
    const issues: Issue[] = [];
    const supplier = await repo.organization(trx, input.supplierOrganizationId);
    const buyer = await repo.organization(trx, input.buyerOrganizationId);
    if (!supplier) issues.push({ code: 'distribution.party_unknown', path: ['supplierOrganizationId'], params: { organizationId: input.supplierOrganizationId } });
    if (!buyer) issues.push({ code: 'distribution.party_unknown', path: ['buyerOrganizationId'], params: { organizationId: input.buyerOrganizationId } });
    if (supplier && buyer && organizationId !== supplier.id && organizationId !== buyer.id) issues.push({ code: 'distribution.not_a_party', path: ['supplierOrganizationId'], params: { organizationId } });
    const known = await repo.registeredDis(trx, input.lines.map((l) => l.productDi));
    input.lines.forEach((l, i) => {
      if (!known.has(l.productDi)) issues.push({ code: 'distribution.unknown_di', path: ['lines', i, 'productDi'], params: { productDi: l.productDi } });
    });
    let contractId: number | null = null;
    if (input.contractNumber !== undefined) {
      contractId = (await repo.findByNumber(trx, organizationId, 'purchase_contract', input.contractNumber))?.id ?? null;
      if (contractId === null) issues.push({ code: 'distribution.contract_not_found', path: ['contractNumber'], params: { contractNumber: input.contractNumber } });
    }
    const parties = [input.supplierOrganizationId, input.buyerOrganizationId];
    const checkEvent = async (field: 'shippingEventId' | 'receivingEventId', expected: string) => {
      const id = input[field];
      if (id === undefined) return;
      const e = await recordEventsRepository.findById(trx, id);
      // The writer's own events only: an event of its counterparty with a third party is not found (its step would leak).
      if (!e || !e.involvedOrgIds.includes(organizationId)) issues.push({ code: 'distribution.event_not_found', path: [field], params: { eventId: id } });
      else if (e.bizStep !== expected) issues.push({ code: 'distribution.event_wrong_step', path: [field], params: { eventId: id, bizStep: e.bizStep, expected } });
    };
    await checkEvent('shippingEventId', 'shipping');
    await checkEvent('receivingEventId', 'receiving');
    if (issues.length || !supplier || !buyer) throw invalid(issues);
    if (await repo.numberTaken(trx, organizationId, input.kind, input.number)) throw conflict('distribution.number_taken', { kind: input.kind, number: input.number });

    // A delivery note without event ids: the events that cite its number, if any. Either party may cite
    // the number on events of its own (the buyer's onward shipment, the supplier's receipt of a return),
    // so the ship side is the supplier's shipment and the receive side the buyer's receipt, preferably
    // between these two parties.
    let shippingEventId = input.shippingEventId ?? null;
    let receivingEventId = input.receivingEventId ?? null;
    let eventLink: DocumentRow['eventLink'] = shippingEventId !== null || receivingEventId !== null ? 'given' : 'none';
    if (input.kind === 'delivery_note' && eventLink === 'none') {
      const found: DocumentEventRef[] = await recordEventsRepository.byDocumentNumber(trx, input.number, parties);
      const pick = (step: string, mine: (e: DocumentEventRef) => boolean, between: (e: DocumentEventRef) => boolean) => {
        const candidates = found.filter((e) => e.bizStep === step && mine(e));
        return (candidates.find(between) ?? candidates[0])?.eventId ?? null;
      };
      shippingEventId = pick('shipping', (e) => e.shipperOrgId === supplier.id, (e) => e.receiverOrgId === buyer.id);
      receivingEventId = pick('receiving', (e) => e.receiverOrgId === buyer.id, (e) => e.shipperOrgId === supplier.id);
      if (shippingEventId !== null || receivingEventId !== null) eventLink = 'document_number';
    }

    const id = await repo.insert(trx, {
      kind: input.kind, number: input.number, organizationId, supplierOrganizationId: supplier.id, supplierRegionCode: supplier.regionCode,
      buyerOrganizationId: buyer.id, buyerRegionCode: buyer.regionCode, documentDate: input.documentDate, deliveryDate: input.deliveryDate ?? null,
      contractId, shippingEventId, receivingEventId, eventLink, note: input.note ?? null,
      lines: input.lines.map((l) => ({ productDi: l.productDi, lot: l.lot ?? null, serial: l.serial ?? null, quantity: l.quantity })),
      createdByType: writer.createdByType, createdBy: writer.createdBy,
    });
    await this.#deps.audit.record(trx, writer.who, {
      action: 'distribution_document.create', objectType: 'distribution_document', objectId: id,
      details: { kind: input.kind, number: input.number, supplierOrganizationId: supplier.id, buyerOrganizationId: buyer.id, lines: input.lines.length, shippingEventId, receivingEventId, eventLink },
    });
    const row = (await repo.findById(trx, id, { kind: 'all' })) as DocumentRow;
    return documentView(row, await repo.lines(trx, [id]));
  }

  async list(ctx: RequestContext, f: DocumentFilter, page: Page, sort: { column: DocumentSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'distribution_documents.read');
    const { db } = this.#deps;
    const r = await repo.list(db, businessScope(ctx.actor), f, page, sort);
    const lines = await repo.lines(db, r.items.map((d) => d.id));
    return { total: r.total, items: r.items.map((d) => documentView(d, lines)) };
  }

  /** One document with its lines and the acceptances recorded against it. */
  async get(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'distribution_documents.read');
    const { db } = this.#deps;
    const d = await repo.findById(db, id, businessScope(ctx.actor));
    if (!d) throw notFound('distribution_document', id);
    return { ...documentView(d, await repo.lines(db, [id])), acceptanceIds: await repo.acceptanceIdsOf(db, id) };
  }
}
