/**
 * Lot suspensions and recalls (issue 5; DOMAIN.md "Recalls", China Order No. 29 of 2017): a
 * regulator suspends sale and use of a lot (暂停销售使用) or orders its recall (责令召回); the
 * registrant may recall its own lot voluntarily (主动召回). A recall has a level — I may cause or has
 * caused serious harm, II temporary or reversible harm, III unlikely to cause harm — and
 * distributors and users must be notified within 1 / 3 / 7 days by level.
 */
import { z } from 'zod';

export const LOT_RESTRICTION_KINDS = ['suspension', 'recall'] as const;
export type LotRestrictionKind = (typeof LOT_RESTRICTION_KINDS)[number];

export const RECALL_LEVELS = [1, 2, 3] as const;
export type RecallLevel = (typeof RECALL_LEVELS)[number];

/** Days within which distributors and users must be notified, by recall level (Order No. 29, art. 16). */
export const RECALL_NOTIFY_DAYS: Record<RecallLevel, number> = { 1: 1, 2: 3, 3: 7 };

/**
 * When the notification of a recall is due: its start plus 1 / 3 / 7 calendar days by level.
 * @example recallNotifyBy(new Date('2026-03-01T02:00:00Z'), 2).toISOString() === '2026-03-04T02:00:00.000Z'
 */
export function recallNotifyBy(startedAt: Date, level: RecallLevel): Date {
  return new Date(startedAt.getTime() + RECALL_NOTIFY_DAYS[level] * 86_400_000);
}

const DI = /^\d{14}$/;

export const lotRestrictionInputSchema = z
  .object({
    di: z.string().trim().regex(DI),
    lot: z.string().trim().min(1).max(40),
    kind: z.enum(LOT_RESTRICTION_KINDS),
    /** 1, 2 or 3; required for a recall, absent for a suspension. */
    recallLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullish(),
    reason: z.string().trim().min(1).max(2000),
    /** When the measure took effect (RFC 3339); defaults to now. Never in the future. */
    startedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: string[], code: string, params: Record<string, string | number | null> = {}) =>
      ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });
    if (r.kind === 'recall' && (r.recallLevel === undefined || r.recallLevel === null)) issue(['recallLevel'], 'lot_restriction.recall_level_required');
    if (r.kind === 'suspension' && r.recallLevel !== undefined && r.recallLevel !== null) issue(['recallLevel'], 'lot_restriction.level_on_suspension', { recallLevel: r.recallLevel });
  });
export type LotRestrictionInput = z.infer<typeof lotRestrictionInputSchema>;

export const lotRestrictionLiftSchema = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export type LotRestrictionLift = z.infer<typeof lotRestrictionLiftSchema>;
