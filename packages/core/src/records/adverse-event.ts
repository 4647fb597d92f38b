/**
 * The adverse-event report form (China, SAMR/NHC Order No. 1 of 2018; DOMAIN.md "Adverse events"),
 * as one zod schema for the browser's form and the server's `POST /api/adverse-events`.
 *
 * What the record alone can tell is checked here, each rule with its own issue code (messages in
 * `locales/…/records.ts`): dates in order, a death date for a death, the device given once, a UDI
 * that can be read, a valid resident ID number. What needs reference data (the DI is registered,
 * an IMDRF code is in the list, the initial report exists) is checked by the server.
 */
import { z } from 'zod';
import { causeParams } from '../errors.ts';
import { parseUdi } from '../identifiers/parse-udi.ts';
import { isCivilDate } from '../rules/civil-date.ts';
import { shanghaiDateOf } from '../rules/shanghai-time.ts';

export const AE_KINDS = ['initial', 'follow_up', 'final'] as const;
export const AE_OUTCOMES = ['death', 'serious_injury', 'other'] as const;
export const AE_REPORTER_TYPES = ['institution', 'distributor', 'registrant'] as const;
export const AE_OPERATOR_TYPES = ['professional', 'lay', 'patient'] as const;
export const AE_SEXES = ['male', 'female', 'unknown'] as const;

export type AdverseEventKind = (typeof AE_KINDS)[number];
export type AdverseEventOutcome = (typeof AE_OUTCOMES)[number];
export type AdverseEventReporterType = (typeof AE_REPORTER_TYPES)[number];

/** Days either side of the event date within which two reporters' reports can be the same event. */
export const AE_DUPLICATE_WINDOW_DAYS = 3;

/** IMDRF AET code shape: annex letter and 2, 4 or 6 digits (A0601, E0101, F08, A010101). */
export const IMDRF_CODE_PATTERN = /^[A-G](\d{2}){1,3}$/;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * The check character of an 18-character resident identity number (GB 11643, ISO 7064 MOD 11-2).
 * @example residentIdCheckChar('11010519491231002') === 'X'
 */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** True for a well-formed 18-character resident identity number with the right check character. */
export function isResidentId(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  return isCivilDate(birth) && residentIdCheckChar(value.slice(0, 17)) === value[17];
}

/** Masks a name to its first character: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** Masks an identity number to its first 6 and last 4 characters: 110105********002X. */
export function maskIdNumber(id: string): string {
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const aePatientSchema = z
  .object({
    name: text(50),
    /** 18-character resident identity number; the upper-case X is the check character. */
    idNumber: z.string().trim().toUpperCase().max(18).optional(),
    birthDate: date.optional(),
    sex: z.enum(AE_SEXES).optional(),
    age: z.int().min(0).max(150).optional(),
  })
  .strict();

export const adverseEventInputSchema = z
  .object({
    kind: z.enum(AE_KINDS).default('initial'),
    initialReportId: z.int().positive().optional(),
    /** The device by its UDI in any label form (GS1 bracketed, element string, Digital Link, HIBC, MA)… */
    udi: z.string().trim().min(1).max(500).optional(),
    /** …or by its DI with lot and / or serial. */
    productDi: z.string().trim().min(1).max(60).optional(),
    lot: z.string().trim().min(1).max(40).optional(),
    serial: z.string().trim().min(1).max(40).optional(),
    productionDate: date.optional(),
    expiryDate: date.optional(),
    patient: aePatientSchema,
    manifestation: text(500),
    eventDate: date,
    dateKnown: date,
    /** When the reporter knew, to the minute (RFC 3339 with offset); needed for the hour clocks of a cluster event. */
    knownAt: z.iso.datetime({ offset: true }).optional(),
    place: z.string().trim().max(200).optional(),
    outcome: z.enum(AE_OUTCOMES),
    deathDate: date.optional(),
    narrative: z.string().trim().max(5000).optional(),
    abroad: z.boolean().default(false),
    cluster: z.boolean().default(false),
    operatorType: z.enum(AE_OPERATOR_TYPES).optional(),
    implantDate: date.optional(),
    imdrfCodes: z.array(z.string().trim().toUpperCase().regex(IMDRF_CODE_PATTERN)).max(30).default([]),
    causality: z.string().trim().max(1000).optional(),
    actions: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], code: string, params: Record<string, string | number | boolean | null> = {}) =>
      ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });

    if (r.udi === undefined && r.productDi === undefined) issue(['udi'], 'adverse_event.device_required');
    if (r.udi !== undefined && r.productDi !== undefined) issue(['productDi'], 'adverse_event.device_twice');
    const device = r.udi === undefined ? undefined : parseUdi(r.udi);
    let productionDate = r.productionDate;
    let expiryDate = r.expiryDate;
    if (device && !device.ok) {
      issue(['udi'], 'adverse_event.udi_unreadable', causeParams(device.issues[0]));
    } else if (device?.ok) {
      const pi = device.value.pi;
      if (r.lot !== undefined && pi.lot !== null && pi.lot !== r.lot) issue(['lot'], 'adverse_event.udi_mismatch', { udi: pi.lot, given: r.lot });
      if (r.serial !== undefined && pi.serial !== null && pi.serial !== r.serial) issue(['serial'], 'adverse_event.udi_mismatch', { udi: pi.serial, given: r.serial });
      productionDate ??= pi.productionDate ?? undefined;
      expiryDate ??= pi.expiryDate ?? undefined;
    }
    if (r.productDi !== undefined && r.lot === undefined && r.serial === undefined) issue(['lot'], 'adverse_event.lot_or_serial_required');
    if (productionDate && expiryDate && expiryDate < productionDate) issue(['expiryDate'], 'adverse_event.expiry_before_production', { productionDate, expiryDate });

    if (r.eventDate > r.dateKnown) issue(['eventDate'], 'adverse_event.event_after_known', { eventDate: r.eventDate, dateKnown: r.dateKnown });
    if (r.outcome === 'death' && r.deathDate === undefined) issue(['deathDate'], 'adverse_event.death_date_required');
    if (r.outcome !== 'death' && r.deathDate !== undefined) issue(['deathDate'], 'adverse_event.death_date_without_death', { outcome: r.outcome });
    if (r.deathDate !== undefined && r.deathDate < r.eventDate) issue(['deathDate'], 'adverse_event.death_before_event', { deathDate: r.deathDate, eventDate: r.eventDate });
    if (r.implantDate !== undefined && r.implantDate > r.eventDate) issue(['implantDate'], 'adverse_event.implant_after_event', { implantDate: r.implantDate, eventDate: r.eventDate });
    if (r.knownAt !== undefined && shanghaiDateOf(r.knownAt) !== r.dateKnown) issue(['knownAt'], 'adverse_event.known_at_date', { knownAt: r.knownAt, dateKnown: r.dateKnown });
    if (r.cluster && r.knownAt === undefined) issue(['knownAt'], 'adverse_event.cluster_needs_time');

    if (r.kind === 'initial' && r.initialReportId !== undefined) issue(['initialReportId'], 'adverse_event.initial_not_allowed');
    if (r.kind !== 'initial' && r.initialReportId === undefined) issue(['initialReportId'], 'adverse_event.initial_required', { kind: r.kind });

    const p = r.patient;
    if (p.idNumber !== undefined && !isResidentId(p.idNumber)) issue(['patient', 'idNumber'], 'adverse_event.id_number_invalid');
    if (p.idNumber === undefined && p.birthDate === undefined) issue(['patient', 'idNumber'], 'adverse_event.patient_identity_required');
    r.imdrfCodes.forEach((code, i) => {
      if (r.imdrfCodes.indexOf(code) !== i) issue(['imdrfCodes', i], 'adverse_event.imdrf_repeated', { imdrfCode: code });
    });
  });

export type AdverseEventInput = z.infer<typeof adverseEventInputSchema>;

/** The device as the report gives it: from the UDI when there is one, else from productDi / lot / serial. */
export interface AdverseEventDevice {
  di: string;
  lot: string | null;
  serial: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  udiRaw: string | null;
  /** Which field named the device, for error paths. */
  field: 'udi' | 'productDi';
}

/** Resolves the device fields of a valid input (after the schema accepted it). */
export function adverseEventDevice(input: AdverseEventInput): AdverseEventDevice {
  if (input.udi !== undefined) {
    const parsed = parseUdi(input.udi);
    if (!parsed.ok) throw new RangeError('adverseEventDevice: the UDI did not parse; validate with adverseEventInputSchema first');
    const pi = parsed.value.pi;
    return {
      di: parsed.value.di, lot: pi.lot ?? input.lot ?? null, serial: pi.serial ?? input.serial ?? null,
      productionDate: input.productionDate ?? pi.productionDate, expiryDate: input.expiryDate ?? pi.expiryDate, udiRaw: input.udi, field: 'udi',
    };
  }
  return {
    di: input.productDi ?? '', lot: input.lot ?? null, serial: input.serial ?? null,
    productionDate: input.productionDate ?? null, expiryDate: input.expiryDate ?? null, udiRaw: null, field: 'productDi',
  };
}

/**
 * Which statutory clock applies (rule codes of DEFAULT_DEADLINE_RULES), or null when none does:
 * a cluster event runs on hours (the first notice, then every case), an event abroad on 30 days,
 * a death on 7, a serious injury on 20; other events and follow-up reports have no clock of their own.
 */
export function adverseEventClock(r: { kind: AdverseEventKind; outcome: AdverseEventOutcome; abroad: boolean; cluster: boolean }, firstOfCluster: boolean): string | null {
  if (r.kind !== 'initial') return null;
  if (r.cluster) return firstOfCluster ? 'ae.cluster.first_notice' : 'ae.cluster.each_case';
  if (r.abroad) return 'ae.abroad';
  if (r.outcome === 'death') return 'ae.death';
  if (r.outcome === 'serious_injury') return 'ae.serious_injury';
  return null;
}
