import { indicatorInputSchema, RISK_DEPARTMENTS, RISK_GRADES } from '@lianjian/core/risk/index';
import { Button, Drawer, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { UiLanguage } from '../../i18n/i18n.ts';
import { placeAtFields } from '../admin/server-fields.ts';
import { useAction } from '../admin/use-action.ts';
import { messageFor, schemaIssues, useFieldLabels, type FieldLabel } from '../form-issues.ts';
import { useWordedIssues } from '../use-worded-issues.ts';
import { ErrorState } from '../page-states.tsx';

export interface RiskIndicator {
  id: number; code: string; name: string; nameEn: string;
  metric: { kind: 'count' | 'rate'; numerator: string; denominator: string | null; per: number };
  grouping: string; window: { unit: 'days' | 'weeks'; length: number }; method: 'threshold' | 'poisson_exact' | 'cusum';
  threshold: number; minCount: number; grade: (typeof RISK_GRADES)[number]; department: (typeof RISK_DEPARTMENTS)[number]; enabled: boolean;
  builtin: boolean; version: number; createdAt: string; updatedAt: string;
}
export interface IndicatorEdit { threshold: number; windowLength: number; windowUnit: 'days' | 'weeks'; minCount: number; grade: RiskIndicator['grade']; department: RiskIndicator['department'] }

/** The boxes the server's field problems are shown at (`window.length` under `window`); other paths go to the banner. */
const FIELDS = ['threshold', 'window', 'minCount', 'grade', 'department'];

/** The PATCH body: only what changed. */
export function indicatorPatch(i: RiskIndicator, v: IndicatorEdit): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v.threshold !== i.threshold) out.threshold = v.threshold;
  if (v.windowLength !== i.window.length || v.windowUnit !== i.window.unit) out.window = { unit: v.windowUnit, length: v.windowLength };
  if (v.minCount !== i.minCount) out.minCount = v.minCount;
  if (v.grade !== i.grade) out.grade = v.grade;
  if (v.department !== i.department) out.department = v.department;
  return out;
}

/** The indicator as it would be after the edit, checked with the same core rules the server runs on the merge. */
function mergedIssues(i: RiskIndicator, v: IndicatorEdit, lang: UiLanguage, fieldLabel: FieldLabel): Record<string, string> {
  const { id: _id, builtin: _b, version: _v, createdAt: _c, updatedAt: _u, ...current } = i;
  return schemaIssues(indicatorInputSchema, { ...current, threshold: v.threshold, window: { unit: v.windowUnit, length: v.windowLength }, minCount: v.minCount, grade: v.grade, department: v.department }, lang, fieldLabel);
}

/** Edit an indicator's threshold, window, minimum count, grade and department (national / provincial regulators). */
export function IndicatorDrawer({ indicator, onClose }: { indicator: RiskIndicator; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const [form] = Form.useForm<IndicatorEdit>();
  // By the indicator's API paths: the window's two boxes fill `window.length` and `window.unit`.
  const fieldLabel = useFieldLabels({
    threshold: t('sys.risk.threshold'), window: t('sys.risk.window'), 'window.length': t('sys.risk.windowLength'), 'window.unit': t('sys.risk.windowUnit'),
    minCount: t('sys.risk.minCount'), grade: t('sys.risk.grade'), department: t('sys.risk.department'),
  });
  // Kept as what found them, so a language switch re-words them.
  const { issues, check, fromServer, clear } = useWordedIssues(fieldLabel);
  const save = useAction((body: Record<string, unknown>) => api<RiskIndicator>(`/api/risk/indicators/${indicator.id}`, { method: 'PATCH', body }), ['/api/risk/indicators'],
    placeAtFields(fromServer, FIELDS, fieldLabel));
  const submit = async (v: IndicatorEdit) => {
    const local = check((locale, label) => mergedIssues(indicator, v, locale, label));
    if (Object.keys(local).length) return;
    const body = indicatorPatch(indicator, v);
    if (Object.keys(body).length === 0) return onClose();
    if (await save.run(body)) onClose();
  };
  const status = (field: string) => (messageFor(issues, field) ? { validateStatus: 'error' as const, help: <span data-testid={`error-${field}`}>{messageFor(issues, field)}</span> } : {});
  const methodHint = t(`sys.risk.thresholdHints.${indicator.method}`);
  // The regulator knows an indicator by its name; the code follows in grey for who looks it up.
  const name = lang === 'en' ? indicator.nameEn : indicator.name;
  const title = t('sys.risk.edit', { code: name });
  return (
    <Drawer open title={<span data-testid="indicator-title">{title} <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{indicator.code}</Typography.Text></span>} onClose={onClose} width={480} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('sys.risk.methodLine', { method: t(`sys.risk.methods.${indicator.method}`), grouping: t(`sys.risk.groupings.${indicator.grouping}`, { defaultValue: indicator.grouping }) })}</Typography.Paragraph>
      {save.error !== null && <ErrorState error={save.error} />}
      <Form<IndicatorEdit>
        form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={title} data-testid="indicator-form"
        onValuesChange={() => clear()}
        initialValues={{ threshold: indicator.threshold, windowLength: indicator.window.length, windowUnit: indicator.window.unit, minCount: indicator.minCount, grade: indicator.grade, department: indicator.department }}
      >
        <Form.Item name="threshold" label={t('sys.risk.threshold')} extra={methodHint} {...status('threshold')} rules={[{ required: true, message: t('login.required', { field: t('sys.risk.threshold') }) }]}>
          {/* No min: clamping would change what was typed (-5 shown as 0) while the check still reports -5; the box keeps the entry and the error says why. */}
          <InputNumber step={indicator.method === 'poisson_exact' ? 0.001 : 1} style={{ width: 200 }} data-testid="field-threshold" />
        </Form.Item>
        <Form.Item label={t('sys.risk.window')} required {...status('window')}>
          <Space.Compact>
            <Form.Item name="windowLength" noStyle rules={[{ required: true, message: t('login.required', { field: t('sys.risk.window') }) }]}><InputNumber min={1} max={520} precision={0} aria-label={t('sys.risk.windowLength')} data-testid="field-windowLength" /></Form.Item>
            <Form.Item name="windowUnit" noStyle><Select style={{ width: 110 }} aria-label={t('sys.risk.windowUnit')} data-testid="field-windowUnit" options={[{ value: 'days', label: t('sys.risk.days') }, { value: 'weeks', label: t('sys.risk.weeks') }]} /></Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="minCount" label={t('sys.risk.minCount')} extra={t('sys.risk.minCountHint')} {...status('minCount')} rules={[{ required: true, message: t('login.required', { field: t('sys.risk.minCount') }) }]}>
          <InputNumber min={1} max={100_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="grade" label={t('sys.risk.grade')} {...status('grade')}>
          <Select options={RISK_GRADES.map((g) => ({ value: g, label: t(`alerts.grades.${g}`, { defaultValue: g }) }))} />
        </Form.Item>
        <Form.Item name="department" label={t('sys.risk.department')} {...status('department')}>
          <Select options={RISK_DEPARTMENTS.map((d) => ({ value: d, label: t(`sys.risk.departments.${d}`) }))} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.busy} data-testid="indicator-save">{t('sys.save')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
