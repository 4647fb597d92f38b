import { escapeEpc, hasValidGs1CheckDigit, parseCreditCode, type Issue } from '@lianjian/core';
import { z } from 'zod';

export const ORGANIZATION_TYPES = ['manufacturer', 'distributor', 'logistics', 'institution', 'regulator', 'agency'] as const;

/** The SGLN EPC URN of a location: company prefix . location reference . extension (GS1 EPC Tag Data Standard §6.3.3), reserved characters of the extension percent-escaped (TDS §6). */
export function sglnOf(gln: string, companyPrefix: string, extension = '0'): string {
  return `urn:epc:id:sgln:${companyPrefix}.${gln.slice(companyPrefix.length, 12)}.${escapeEpc(extension)}`;
}

/** Field rules zod cannot say alone; each names the field, the rule and (through the locale) the fix. */
export function organizationIssues(o: { creditCode?: string | null | undefined; gln?: string | null | undefined; gs1CompanyPrefix?: string | null | undefined }): Issue[] {
  const issues: Issue[] = [];
  if (o.creditCode) {
    const r = parseCreditCode(o.creditCode);
    if (!r.ok) issues.push(...r.issues.map((i) => ({ ...i, path: ['creditCode'] })));
  }
  if (o.gln) {
    if (!/^\d{13}$/.test(o.gln) || !hasValidGs1CheckDigit(o.gln)) issues.push({ code: 'organization.gln_invalid', path: ['gln'], params: { gln: o.gln } });
    if (!o.gs1CompanyPrefix) issues.push({ code: 'generic.required', path: ['gs1CompanyPrefix'] });
    else if (!o.gln.startsWith(o.gs1CompanyPrefix)) issues.push({ code: 'generic.invalid', path: ['gs1CompanyPrefix'], params: { reason: 'GLN must start with the company prefix' } });
  }
  return issues;
}

export const organizationInput = z.object({
  type: z.enum(ORGANIZATION_TYPES),
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().max(200).nullish(),
  creditCode: z.string().trim().toUpperCase().nullish(),
  regionCode: z.string().regex(/^\d{6}$/),
  address: z.string().max(300).nullish(),
  contactName: z.string().max(50).nullish(),
  contactPhone: z.string().max(32).nullish(),
  gs1CompanyPrefix: z.string().regex(/^\d{6,12}$/).nullish(),
  gln: z.string().nullish(),
  institutionGrade: z.string().max(20).nullish(),
  rural: z.boolean().optional(),
});
