import type { FormInstance } from 'antd';
import type { UiLanguage } from '../../i18n/i18n.ts';
import { serverIssues, type FieldLabel } from '../form-issues.ts';

/**
 * Puts the server's field problems (problem+json `errors`) next to their antd form fields; returns
 * true when at least one landed, so the caller shows only what did not fit a field as a banner.
 * `fieldLabel` (useFieldLabels of the form's labels) names each field in the words as the form shows it (姓名), not by its API path.
 */
export function showServerFieldErrors(form: FormInstance, error: unknown, lang: UiLanguage, fields: string[], fieldLabel?: FieldLabel): boolean {
  const issues = serverIssues(error, lang, fieldLabel);
  const hits = Object.entries(issues).filter(([path]) => fields.includes(path.split('.')[0] ?? ''));
  form.setFields(hits.map(([path, message]) => ({ name: path.split('.')[0] as string, errors: [message] })));
  return hits.length > 0;
}
