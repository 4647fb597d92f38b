import { formatShanghaiInstant, type Issue } from '@lianjian/core';
import { acceptanceDiscrepancies, type Discrepancy, type ReceivingAcceptanceInput } from '@lianjian/core/records/distribution';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { idempotent, type IdempotentResult } from '../idempotency/idempotency.ts';
import { recordEventsRepository } from '../use-records/record-events.repository.ts';
import { writerOf, type Writer } from './distribution-documents.service.ts';
import { distributionDocumentsRepository as repo, type AcceptanceFilter, type AcceptanceLineRow, type AcceptanceRow, type AcceptanceSort } from './distribution-documents.repository.ts';

export const CREATE_ACCEPTANCE_ROUTE = 'POST /api/receiving-acceptances';

/** Who keeps receiving-acceptance records (验收记录): distributors and medical institutions. */
const ACCEPTING_TYPES = new Set(['distributor', 'institution']);

export interface AcceptanceView extends Omit<AcceptanceRow, 'receivedAt' | 'createdAt'> {
  receivedAt: string;
  lines: Omit<AcceptanceLineRow, 'acceptanceId'>[];
  /** Where the count differs from the delivery note (empty without a note or when it matches). */
  discrepancies: Discrepancy[];
  createdAt: string;
}

function acceptanceView(a: AcceptanceRow, lines: AcceptanceLineRow[]): AcceptanceView {
  const mine = lines.filter((l) => l.acceptanceId === a.id).map(({ acceptanceId: _a, ...l }) => l);
  const discrepancies = a.deliveryNoteId === null ? [] : acceptanceDiscrepancies(
    mine.map((l) => ({ productDi: l.productDi, lot: l.lot, serial: l.serial, quantity: l.expectedQuantity ?? 0 })),
    mine.map((l) => ({ productDi: l.productDi, lot: l.lot, serial: l.serial, quantity: l.checkedQuantity })),
  );
  return { ...a, receivedAt: formatShanghaiInstant(a.receivedAt), lines: mine, discrepancies, createdAt: formatShanghaiInstant(a.createdAt) };
}

const lineKey = (l: { productDi: string; lot: string | null; serial: string | null }) => `${l.productDi}|${l.lot ?? ''}|${l.serial ?? ''}`;

/**
 * Receiving acceptance: the buyer counts and inspects a delivery (condition, temperature on arrival)
 * and accepts or rejects it. Against a delivery note, every line of the note is compared with what
 * was counted; a difference is kept as a discrepancy (the note's lines not counted count as 0).
 */
export class ReceivingAcceptancesService {
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async create(ctx: RequestContext, input: ReceivingAcceptanceInput, idempotencyKey?: string): Promise<IdempotentResult<AcceptanceView>> {
    requirePermission(ctx.actor, 'distribution_documents.write');
    const organizationId = ctx.actor.organizationId;
    if (organizationId === null || !ACCEPTING_TYPES.has(ctx.actor.organizationType ?? '')) {
      throw new AppError(403, 'acceptance.organization_type', { type: ctx.actor.organizationType ?? ctx.actor.role });
    }
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: CREATE_ACCEPTANCE_ROUTE, request: input }, async () => ({
        status: 201,
        body: await this.createIn(trx, writerOf(ctx, organizationId), input),
      })),
    );
  }

  /** Records an acceptance inside the caller's transaction (the writer is a distributor or institution). */
  async createIn(trx: Kysely<DB>, writer: Writer, input: ReceivingAcceptanceInput): Promise<AcceptanceView> {
    const { organizationId } = writer;
    const issues: Issue[] = [];
    const org = await repo.organization(trx, organizationId);
    if (!org) throw notFound('organization', organizationId);
    let noteLines: { productDi: string; lot: string | null; serial: string | null; quantity: number }[] = [];
    let receivingEventId = input.receivingEventId ?? null;
    if (input.deliveryNoteId !== undefined) {
      const note = await repo.findById(trx, input.deliveryNoteId, { kind: 'organization', organizationId });
      if (!note) issues.push({ code: 'acceptance.note_not_found', path: ['deliveryNoteId'], params: { id: input.deliveryNoteId } });
      else if (note.kind !== 'delivery_note') issues.push({ code: 'acceptance.not_delivery_note', path: ['deliveryNoteId'], params: { id: note.id } });
      else if (note.buyerOrganizationId !== organizationId) issues.push({ code: 'acceptance.not_buyer', path: ['deliveryNoteId'], params: { id: note.id } });
      else {
        noteLines = await repo.lines(trx, [note.id]);
        receivingEventId ??= note.receivingEventId;
      }
    }
    if (input.receivingEventId !== undefined) {
      const e = await recordEventsRepository.findById(trx, input.receivingEventId);
      if (!e || e.bizStep !== 'receiving' || !e.involvedOrgIds.includes(organizationId)) issues.push({ code: 'acceptance.event_not_found', path: ['receivingEventId'], params: { eventId: input.receivingEventId } });
    }
    const known = await repo.registeredDis(trx, input.lines.map((l) => l.productDi));
    input.lines.forEach((l, i) => {
      if (!known.has(l.productDi)) issues.push({ code: 'acceptance.unknown_di', path: ['lines', i, 'productDi'], params: { productDi: l.productDi } });
    });
    if (issues.length) throw invalid(issues);

    const counted = input.lines.map((l) => ({ productDi: l.productDi, lot: l.lot ?? null, serial: l.serial ?? null, quantity: l.checkedQuantity }));
    const hasNote = input.deliveryNoteId !== undefined;
    const expected = new Map<string, number>();
    for (const l of noteLines) expected.set(lineKey(l), (expected.get(lineKey(l)) ?? 0) + l.quantity);
    const countedKeys = new Set(counted.map(lineKey));
    const lines = [
      ...counted.map((l) => ({ productDi: l.productDi, lot: l.lot, serial: l.serial, expectedQuantity: hasNote ? (expected.get(lineKey(l)) ?? 0) : null, checkedQuantity: l.quantity })),
      // The note's lines nobody counted arrived as nothing.
      ...noteLines.filter((l) => !countedKeys.has(lineKey(l))).map((l) => ({ productDi: l.productDi, lot: l.lot, serial: l.serial, expectedQuantity: l.quantity, checkedQuantity: 0 })),
    ];
    const discrepancies = hasNote ? acceptanceDiscrepancies(noteLines, counted) : [];

    const id = await repo.insertAcceptance(trx, {
      organizationId, regionCode: org.regionCode, deliveryNoteId: input.deliveryNoteId ?? null, receivingEventId, receivedAt: input.receivedAt,
      inspector: input.inspector, condition: input.condition, temperatureC: input.temperatureC ?? null, accepted: input.accepted, reason: input.reason ?? null,
      discrepancy: discrepancies.length > 0, lines, createdByType: writer.createdByType, createdBy: writer.createdBy,
    });
    await this.#deps.audit.record(trx, writer.who, {
      action: 'receiving_acceptance.create', objectType: 'receiving_acceptance', objectId: id,
      details: { deliveryNoteId: input.deliveryNoteId ?? null, receivingEventId, accepted: input.accepted, condition: input.condition, discrepancies },
    });
    const row = (await repo.findAcceptance(trx, id, { kind: 'all' })) as AcceptanceRow;
    return acceptanceView(row, await repo.acceptanceLines(trx, [id]));
  }

  async list(ctx: RequestContext, f: AcceptanceFilter, page: Page, sort: { column: AcceptanceSort; direction: 'asc' | 'desc' }) {
    requirePermission(ctx.actor, 'distribution_documents.read');
    const { db } = this.#deps;
    const r = await repo.listAcceptances(db, businessScope(ctx.actor), f, page, sort);
    const lines = await repo.acceptanceLines(db, r.items.map((a) => a.id));
    return { total: r.total, items: r.items.map((a) => acceptanceView(a, lines)) };
  }

  async get(ctx: RequestContext, id: number): Promise<AcceptanceView> {
    requirePermission(ctx.actor, 'distribution_documents.read');
    const { db } = this.#deps;
    const a = await repo.findAcceptance(db, id, businessScope(ctx.actor));
    if (!a) throw notFound('receiving_acceptance', id);
    return acceptanceView(a, await repo.acceptanceLines(db, [id]));
  }
}
