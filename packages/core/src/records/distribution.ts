/**
 * Distribution documents (issue 4, item 2): purchase contracts and delivery notes between a supplier
 * and a buyer, and the buyer's receiving acceptance (验收记录) of a delivery, as zod schemas for the
 * browser's forms and the server's `POST /api/distribution-documents` and `POST /api/receiving-acceptances`.
 *
 * What the record alone can tell is checked here, each rule with its own issue code (messages in
 * `locales/…/use-records.ts`); what needs reference data (the DI is registered, the event is yours,
 * the delivery note exists) the server checks.
 */
import { z } from 'zod';
import { RECEIPT_CONDITIONS } from './submissions.ts';

export const DISTRIBUTION_DOCUMENT_KINDS = ['purchase_contract', 'delivery_note'] as const;
export type DistributionDocumentKind = (typeof DISTRIBUTION_DOCUMENT_KINDS)[number];

/** Temperatures a thermometer at a loading dock can show; anything outside is a typing error, not a reading. */
export const ARRIVAL_TEMPERATURE_RANGE = { min: -90, max: 60 } as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date();
type Ctx = z.core.$RefinementCtx;
type Params = Record<string, string | number | boolean | null>;
const issue = (ctx: Ctx, path: (string | number)[], code: string, params: Params = {}) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });

const lineKey = (l: { productDi: string; lot?: string | undefined; serial?: string | undefined }) => `${l.productDi}|${l.lot ?? ''}|${l.serial ?? ''}`;

/** Flags a line naming the same DI, lot and serial as an earlier one. */
function checkRepeatedLines(ctx: Ctx, lines: readonly { productDi: string; lot?: string | undefined; serial?: string | undefined }[]): void {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const key = lineKey(l);
    if (seen.has(key)) issue(ctx, ['lines', i], 'distribution.line_repeated', { productDi: l.productDi, lot: l.lot ?? null });
    seen.add(key);
  });
}

export const documentLineSchema = z
  .object({
    productDi: text(60),
    lot: text(40).optional(),
    serial: text(40).optional(),
    quantity: z.int().positive().max(10_000_000),
  })
  .strict();

export const distributionDocumentInputSchema = z
  .object({
    kind: z.enum(DISTRIBUTION_DOCUMENT_KINDS),
    /** The document's own number, as printed (合同编号 / 送货单号); with kind and the recording organisation it is unique. */
    number: text(80),
    supplierOrganizationId: z.int().positive(),
    buyerOrganizationId: z.int().positive(),
    documentDate: date,
    /** Delivery notes: the day the goods left; contracts: the agreed delivery date. */
    deliveryDate: date.optional(),
    /** A delivery note's purchase contract (its number). */
    contractNumber: text(80).optional(),
    /** The EPCIS events of this delivery, when known; else the server looks them up by the document number. */
    shippingEventId: z.int().positive().optional(),
    receivingEventId: z.int().positive().optional(),
    lines: z.array(documentLineSchema).min(1).max(500),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.supplierOrganizationId === r.buyerOrganizationId) issue(ctx, ['buyerOrganizationId'], 'distribution.same_party', { organizationId: r.buyerOrganizationId });
    if (r.deliveryDate !== undefined && r.deliveryDate < r.documentDate) issue(ctx, ['deliveryDate'], 'distribution.delivery_before_document', { deliveryDate: r.deliveryDate, documentDate: r.documentDate });
    if (r.kind === 'purchase_contract') {
      if (r.shippingEventId !== undefined) issue(ctx, ['shippingEventId'], 'distribution.events_need_delivery_note');
      if (r.receivingEventId !== undefined) issue(ctx, ['receivingEventId'], 'distribution.events_need_delivery_note');
      if (r.contractNumber !== undefined) issue(ctx, ['contractNumber'], 'distribution.contract_on_contract');
    }
    checkRepeatedLines(ctx, r.lines);
  });
export type DistributionDocumentInput = z.infer<typeof distributionDocumentInputSchema>;

export const acceptanceLineSchema = z
  .object({
    productDi: text(60),
    lot: text(40).optional(),
    serial: text(40).optional(),
    /** What the inspector counted. */
    checkedQuantity: z.int().min(0).max(10_000_000),
  })
  .strict();

export const receivingAcceptanceInputSchema = z
  .object({
    /** The delivery note the goods came with (its id on the platform). */
    deliveryNoteId: z.int().positive().optional(),
    /** The EPCIS receiving event; left out: the delivery note's, if it has one. */
    receivingEventId: z.int().positive().optional(),
    receivedAt: z.iso.datetime({ offset: true }),
    inspector: text(50),
    condition: z.enum(RECEIPT_CONDITIONS).default('good'),
    /** Temperature on arrival (°C), for goods that need one. */
    temperatureC: z.number().optional(),
    accepted: z.boolean(),
    reason: text(500).optional(),
    lines: z.array(acceptanceLineSchema).min(1).max(500),
  })
  .strict()
  .superRefine((r, ctx) => {
    const { min, max } = ARRIVAL_TEMPERATURE_RANGE;
    if (r.temperatureC !== undefined && (r.temperatureC < min || r.temperatureC > max)) issue(ctx, ['temperatureC'], 'acceptance.temperature_range', { temperatureC: r.temperatureC, min, max });
    if ((!r.accepted || r.condition !== 'good') && r.reason === undefined) issue(ctx, ['reason'], 'acceptance.reason_required', { condition: r.condition, accepted: r.accepted });
    if (r.accepted && r.lines.every((l) => l.checkedQuantity === 0)) issue(ctx, ['lines'], 'acceptance.nothing_accepted');
    checkRepeatedLines(ctx, r.lines);
  });
export type ReceivingAcceptanceInput = z.infer<typeof receivingAcceptanceInputSchema>;

export interface QuantityLine {
  productDi: string;
  lot: string | null;
  serial: string | null;
  quantity: number;
}

export interface Discrepancy {
  productDi: string;
  lot: string | null;
  serial: string | null;
  /** On the delivery note (0 when the line was not on it). */
  expected: number;
  /** Counted on arrival (0 when the line was not counted). */
  checked: number;
  /** checked − expected: negative is a shortage, positive an overage. */
  difference: number;
}

/**
 * Where the counted goods differ from the delivery note, line by line (DI, lot, serial).
 * @example acceptanceDiscrepancies([{ productDi: 'D', lot: 'L', serial: null, quantity: 100 }], [{ productDi: 'D', lot: 'L', serial: null, quantity: 96 }])
 *   // [{ productDi: 'D', lot: 'L', serial: null, expected: 100, checked: 96, difference: -4 }]
 */
export function acceptanceDiscrepancies(note: readonly QuantityLine[], checked: readonly QuantityLine[]): Discrepancy[] {
  const key = (l: QuantityLine) => `${l.productDi}|${l.lot ?? ''}|${l.serial ?? ''}`;
  const rows = new Map<string, Discrepancy>();
  const row = (l: QuantityLine) => {
    const k = key(l);
    let d = rows.get(k);
    if (!d) rows.set(k, (d = { productDi: l.productDi, lot: l.lot, serial: l.serial, expected: 0, checked: 0, difference: 0 }));
    return d;
  };
  for (const l of note) row(l).expected += l.quantity;
  for (const l of checked) row(l).checked += l.quantity;
  return [...rows.values()].map((d) => ({ ...d, difference: d.checked - d.expected })).filter((d) => d.difference !== 0);
}
