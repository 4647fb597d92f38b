/**
 * Plain submissions (issue 3, item 3): what a user without an EPCIS system sends to
 * `POST /api/submissions/{kind}`, as one zod schema per kind for the browser's forms and the server.
 * The server turns each into one EPCIS 2.0 event and hands it to capture, so there is one event store.
 *
 * What the input alone can tell is checked here, each rule with its own issue code (messages in
 * `locales/…/submissions.ts`): labels that can be read and name a unit (GS1, HIBC or MA) or a GS1 container, goods given
 * as units or as a lot with a quantity (not both), a patient key that is a key and not a name.
 * What needs reference data (the location is yours, the destination is registered) the server checks.
 */
import { z } from 'zod';
import { causeParams } from '../errors.ts';
import { buildDigitalLink } from '../identifiers/gs1-digital-link.ts';
import { hasValidGs1CheckDigit } from '../identifiers/check-digit.ts';
import { parseUdi } from '../identifiers/parse-udi.ts';
import { parseUdiUri, udiLotUri, udiUri, type UdiUriIdentity } from '../identifiers/udi-uri.ts';

export const SUBMISSION_KINDS = ['commission', 'pack', 'unpack', 'ship', 'receive', 'store', 'use', 'return', 'destroy'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** CBV business-transaction types a submission may cite: purchase order, despatch advice, invoice, receiving advice, return authorisation, bill of lading. */
export const SUBMISSION_DOCUMENT_TYPES = ['po', 'desadv', 'inv', 'recadv', 'rma', 'bol'] as const;
export const RECEIPT_CONDITIONS = ['good', 'damaged', 'temperature_excursion'] as const;
export type ReceiptCondition = (typeof RECEIPT_CONDITIONS)[number];

/** A pseudonymous patient key as the platform derives it (`PiiCipher.patientKey`): never a name or an ID number. */
export const PATIENT_KEY_PATTERN = /^pk_[0-9a-f]{32}$/;

/** Most objects one submission may name (capture takes larger documents; a form is for a delivery). */
export const SUBMISSION_MAX_ITEMS = 1000;

/** An object a label names, ready for an EPCIS event. */
export interface SubmissionObject {
  /** `unit`: a serialised GTIN (SGTIN) or a serialised HIBC / MA unit; `container`: an SSCC. */
  kind: 'unit' | 'container';
  /** URI the event carries: a Digital Link (https://id.gs1.org/…) for GS1, `hibc:…` / `ma:…` (identifiers/udi-uri.ts) for the others. */
  uri: string;
  /** Canonical key (`gs1:01/…/21/…`, `gs1:00/…`, `hibc:…/S/…`, `ma:…/S/…`), to find repeats. */
  key: string;
  di: string;
  lot: string | null;
  serial: string | null;
}

type IssueParams = Record<string, string | number | boolean | null>;
type ObjectResult = { ok: true; value: SubmissionObject } | { ok: false; code: string; params: IssueParams };

/** A label parsed by parseUdi, or the `hibc:` / `ma:` URI an earlier event carried (not a label form of its own). */
function readLabel(label: string): ReturnType<typeof parseUdi> | { ok: true; value: UdiUriIdentity & { uri: string } } {
  const text = label.trim();
  const uri = parseUdiUri(text);
  return uri ? { ok: true, value: { ...uri, uri: text } } : parseUdi(text);
}

/**
 * Reads a scanned or typed label (any GS1 form: bracketed, element string, raw scan, Digital Link,
 * EPC URN; a HIBC or MA label, or its `hibc:` / `ma:` URI) into the object an event names: a
 * serialised unit or an SSCC.
 * @example submissionObject('(01)06901234567892(10)L1(21)S1') // ok: { kind: 'unit', uri: 'https://id.gs1.org/01/06901234567892/10/L1/21/S1', … }
 * @example submissionObject('+J123AQ3451/25330BC34567/S4012X') // ok: { kind: 'unit', uri: 'hibc:J123/AQ345/1/L/BC34567/S/4012', key: 'hibc:J123/AQ345/1/S/4012', … }
 */
export function submissionObject(label: string): ObjectResult {
  const parsed = readLabel(label);
  if (!parsed.ok) return { ok: false, code: 'submissions.item_unreadable', params: { label, ...causeParams(parsed.issues[0]) } };
  if ('uri' in parsed.value) return nonGs1Unit(parsed.value, label);
  const v = parsed.value;
  if (v.agency === 'HIBCC' || v.agency === 'MA') {
    const uri = udiUri(v);
    const id = uri === null ? null : parseUdiUri(uri);
    if (uri === null || id === null) return { ok: false, code: 'submissions.item_unreadable', params: { label, ...causeParams(undefined) } };
    return nonGs1Unit({ ...id, uri }, label);
  }
  if (v.agency !== 'GS1') return { ok: false, code: 'submissions.item_not_gs1', params: { label, agency: v.agency } };
  const key = v.elements[0]?.key;
  const elements =
    key === '00' ? [{ ai: '00', value: v.di }]
    : key === '01' && v.pi.serial !== null ? [{ ai: '01', value: v.di }, ...(v.pi.lot !== null ? [{ ai: '10', value: v.pi.lot }] : []), { ai: '21', value: v.pi.serial }]
    : null;
  if (!elements) return { ok: false, code: 'submissions.item_not_serialised', params: { label, level: v.level } };
  const uri = buildDigitalLink(elements);
  if (!uri.ok) return { ok: false, code: 'submissions.item_unreadable', params: { label, ...causeParams(uri.issues[0]) } };
  return { ok: true, value: { kind: key === '00' ? 'container' : 'unit', uri: uri.value, key: v.canonicalKey, di: v.di, lot: v.pi.lot, serial: v.pi.serial } };
}

// HIBC and MA have no containers (SSCC is GS1's): a label is a unit when it carries a serial.
function nonGs1Unit(id: UdiUriIdentity & { uri: string }, label: string): ObjectResult {
  if (id.serial === null) return { ok: false, code: 'submissions.item_not_serialised', params: { label, level: id.level } };
  return { ok: true, value: { kind: 'unit', uri: id.uri, key: id.canonicalKey, di: id.di, lot: id.lot, serial: id.serial } };
}

/** The lot-level class (LGTIN) of a DI and lot as a Digital Link, or null when the DI is no valid GTIN. */
export function lotClassUri(di: string, lot: string): string | null {
  const r = buildDigitalLink([{ ai: '01', value: di }, { ai: '10', value: lot }]);
  return r.ok ? r.value : null;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const label = text(500);
const time = z.iso.datetime({ offset: true });
const gln = z.string().trim().regex(/^\d{13}$/);

/**
 * A location: your site's SGLN (`urn:epc:id:sgln:…`), its Digital Link (`…/414/{GLN}[/254/{ext}]`),
 * `(414)…(254)…`, a bare 13-digit GLN, or a location's id on the platform. Left out: your organisation's GLN.
 */
export const submissionLocationSchema = z.union([z.int().positive(), text(300)]);

const lotSchema = z.union([
  label,
  z.object({ di: z.string().trim().regex(/^\d{14}$/), lot: text(20) }).strict(),
]);

const documentSchema = z.object({ type: z.enum(SUBMISSION_DOCUMENT_TYPES), id: text(80).regex(/^[\x21-\x7e]+$/) }).strict();

/** Fields every kind shares. */
const common = {
  /** When it happened (RFC 3339 with offset); left out: now. */
  time: time.optional(),
  location: submissionLocationSchema.optional(),
};

/** Goods: units / containers by their labels, or a lot with a quantity. */
const goods = {
  items: z.array(label).min(1).max(SUBMISSION_MAX_ITEMS).optional(),
  lot: lotSchema.optional(),
  quantity: z.int().positive().max(10_000_000).optional(),
};

type Ctx = z.core.$RefinementCtx;
const issue = (ctx: Ctx, path: (string | number)[], code: string, params: IssueParams = {}) =>
  ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });

/** Checks labels; `units` when only serialised units are allowed (no SSCC). */
function checkItems(ctx: Ctx, items: readonly string[] | undefined, field: string, units: boolean): void {
  const seen = new Set<string>();
  items?.forEach((item, i) => {
    const o = submissionObject(item);
    if (!o.ok) return issue(ctx, [field, i], o.code, o.params);
    if (units && o.value.kind !== 'unit') return issue(ctx, [field, i], 'submissions.item_not_unit', { label: item });
    if (seen.has(o.value.key)) return issue(ctx, [field, i], 'submissions.item_repeated', { item });
    seen.add(o.value.key);
  });
}

function checkGoods(ctx: Ctx, r: { items?: string[] | undefined; lot?: z.infer<typeof lotSchema> | undefined; quantity?: number | undefined }, units: boolean): void {
  if (r.items === undefined && r.lot === undefined) return issue(ctx, ['items'], 'submissions.goods_required');
  if (r.items !== undefined && r.lot !== undefined) return issue(ctx, ['lot'], 'submissions.goods_twice');
  checkItems(ctx, r.items, 'items', units);
  if (r.lot !== undefined) {
    if (r.quantity === undefined) issue(ctx, ['quantity'], 'submissions.quantity_required');
    if (lotOf(r.lot) === null) issue(ctx, ['lot'], 'submissions.lot_unreadable');
  } else if (r.quantity !== undefined) {
    issue(ctx, ['quantity'], 'submissions.quantity_without_lot');
  }
}

/** DI, lot and lot-class URI of a lot given as a label (`(01)…(10)…`, Digital Link, HIBC or MA with a lot, `hibc:`/`ma:` URI) or as `{ di, lot }` (GTIN); null when unreadable. */
export function lotOf(lot: string | { di: string; lot: string }): { di: string; lot: string; uri: string } | null {
  if (typeof lot !== 'string') {
    const uri = hasValidGs1CheckDigit(lot.di) ? lotClassUri(lot.di, lot.lot) : null;
    return uri === null ? null : { di: lot.di, lot: lot.lot, uri };
  }
  const parsed = readLabel(lot);
  if (!parsed.ok) return null;
  if ('uri' in parsed.value || parsed.value.agency === 'HIBCC' || parsed.value.agency === 'MA') {
    // The lot class of a HIBC / MA label or URI: its URI without the serial.
    const id = 'uri' in parsed.value ? parsed.value : parseUdiUri(udiUri(parsed.value) ?? '');
    if (id === null || id.lot === null) return null;
    const uri = udiLotUri(id);
    return uri === null ? null : { di: id.di, lot: id.lot, uri };
  }
  if (parsed.value.agency !== 'GS1' || parsed.value.elements[0]?.key !== '01' || parsed.value.pi.lot === null) return null;
  const uri = lotClassUri(parsed.value.di, parsed.value.pi.lot);
  return uri === null ? null : { di: parsed.value.di, lot: parsed.value.pi.lot, uri };
}

function checkReadings(ctx: Ctx, readings: readonly { time: string }[] | undefined, eventTime: string | undefined): void {
  if (eventTime === undefined || readings === undefined) return;
  readings.forEach((r, i) => {
    if (Date.parse(r.time) > Date.parse(eventTime)) issue(ctx, ['readings', i, 'time'], 'submissions.reading_after_event', { readingTime: r.time, eventTime });
  });
}

export const commissionSchema = z
  .object({
    ...common, ...goods,
    productionDate: z.iso.date().optional(),
    expiryDate: z.iso.date().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkGoods(ctx, r, true);
    if (r.productionDate && r.expiryDate && r.expiryDate < r.productionDate) issue(ctx, ['expiryDate'], 'submissions.expiry_before_production', { productionDate: r.productionDate, expiryDate: r.expiryDate });
  });

const aggregation = z
  .object({
    ...common,
    /** The container: an SSCC label (`(00)…`) or a serialised unit (a kit). */
    parent: label,
    /** What goes in (pack) or comes out (unpack; left out: everything). */
    items: z.array(label).min(1).max(SUBMISSION_MAX_ITEMS).optional(),
  })
  .strict();

export const packSchema = aggregation.superRefine((r, ctx) => {
  const p = submissionObject(r.parent);
  if (!p.ok) issue(ctx, ['parent'], p.code, p.params);
  if (r.items === undefined) return issue(ctx, ['items'], 'generic.required');
  checkItems(ctx, r.items, 'items', false);
  const inside = r.items.some((i) => {
    const o = submissionObject(i);
    return p.ok && o.ok && o.value.key === p.value.key;
  });
  if (inside) issue(ctx, ['parent'], 'submissions.parent_in_items');
});

export const unpackSchema = aggregation.superRefine((r, ctx) => {
  const p = submissionObject(r.parent);
  if (!p.ok) issue(ctx, ['parent'], p.code, p.params);
  checkItems(ctx, r.items, 'items', false);
});

const party = {
  organizationId: z.int().positive().optional(),
  gln: gln.optional(),
};

export const shipSchema = z
  .object({
    ...common, ...goods,
    /** Where from: your site (`location` is an alias). */
    from: submissionLocationSchema.optional(),
    toOrganizationId: party.organizationId,
    toGln: party.gln,
    documents: z.array(documentSchema).max(20).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkGoods(ctx, r, false);
    if (r.from !== undefined && r.location !== undefined) issue(ctx, ['from'], 'submissions.from_twice');
    if ((r.toOrganizationId === undefined) === (r.toGln === undefined)) issue(ctx, ['toOrganizationId'], 'submissions.destination_required');
  });

export const receiveSchema = z
  .object({
    ...common, ...goods,
    fromOrganizationId: party.organizationId,
    fromGln: party.gln,
    /** Counted on arrival; for a lot it may differ from the delivery note's `quantity`; for units it is their number. */
    receivedQuantity: z.int().min(0).max(10_000_000).optional(),
    condition: z.enum(RECEIPT_CONDITIONS).default('good'),
    /** False: the delivery is refused and stays in transit with the shipper. */
    accepted: z.boolean().default(true),
    reason: text(500).optional(),
    documents: z.array(documentSchema).max(20).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkGoods(ctx, r, false);
    if ((r.fromOrganizationId === undefined) === (r.fromGln === undefined)) issue(ctx, ['fromOrganizationId'], 'submissions.source_required');
    if (r.lot !== undefined && r.receivedQuantity === undefined) issue(ctx, ['receivedQuantity'], 'submissions.received_quantity_required');
    if (r.items !== undefined && r.receivedQuantity !== undefined && r.receivedQuantity !== r.items.length) {
      issue(ctx, ['receivedQuantity'], 'submissions.received_quantity_items', { receivedQuantity: r.receivedQuantity, items: r.items.length });
    }
    if (r.accepted && r.lot !== undefined && r.receivedQuantity === 0) issue(ctx, ['receivedQuantity'], 'submissions.received_nothing');
    if ((!r.accepted || r.condition !== 'good') && r.reason === undefined) issue(ctx, ['reason'], 'submissions.reason_required', { condition: r.condition, accepted: r.accepted });
  });

export const storeSchema = z
  .object({
    ...common, ...goods,
    readings: z.array(z.object({ time, celsius: z.number().min(-273.15).max(1000) }).strict()).max(1000).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkGoods(ctx, r, false);
    checkReadings(ctx, r.readings, r.time);
  });

export const useSchema = z
  .object({
    ...common, ...goods,
    department: text(100),
    procedure: text(200).optional(),
    /** The pseudonymous patient key (`pk_…`), never a name or an identity number. */
    patientKey: z.string().trim().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkGoods(ctx, r, true);
    if (r.patientKey !== undefined && !PATIENT_KEY_PATTERN.test(r.patientKey)) issue(ctx, ['patientKey'], 'submissions.patient_key_invalid');
  });

export const returnSchema = z
  .object({
    ...common, ...goods,
    toOrganizationId: party.organizationId,
    toGln: party.gln,
    reason: text(500).optional(),
    documents: z.array(documentSchema).max(20).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    checkGoods(ctx, r, false);
    if ((r.toOrganizationId === undefined) === (r.toGln === undefined)) issue(ctx, ['toOrganizationId'], 'submissions.destination_required');
  });

export const destroySchema = z
  .object({ ...common, ...goods, reason: text(500) })
  .strict()
  .superRefine((r, ctx) => checkGoods(ctx, r, false));

export const submissionSchemas = {
  commission: commissionSchema, pack: packSchema, unpack: unpackSchema, ship: shipSchema, receive: receiveSchema,
  store: storeSchema, use: useSchema, return: returnSchema, destroy: destroySchema,
} as const satisfies Record<SubmissionKind, z.ZodType>;

export type CommissionInput = z.infer<typeof commissionSchema>;
export type PackInput = z.infer<typeof packSchema>;
export type UnpackInput = z.infer<typeof unpackSchema>;
export type ShipInput = z.infer<typeof shipSchema>;
export type ReceiveInput = z.infer<typeof receiveSchema>;
export type StoreInput = z.infer<typeof storeSchema>;
export type UseInput = z.infer<typeof useSchema>;
export type ReturnInput = z.infer<typeof returnSchema>;
export type DestroyInput = z.infer<typeof destroySchema>;
export type SubmissionInputs = { [K in SubmissionKind]: z.infer<(typeof submissionSchemas)[K]> };
