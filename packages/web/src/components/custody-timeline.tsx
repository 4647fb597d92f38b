import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TraceStep } from '../api/types.ts';
import { readableDocument } from '../format/business-documents.ts';
import { formatInstant } from '../format/time.ts';
import { EmptyState } from './page-states.tsx';

function temperatureText(step: TraceStep): string {
  const values = step.readings.flatMap((r) => [r.value, r.minValue, r.maxValue]).filter((v): v is number => v !== null);
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? `${min.toFixed(1)} °C` : `${min.toFixed(1)}–${max.toFixed(1)} °C`;
}

/** Custody path in time order; steps with readings show their temperatures, excursions in red. */
export function CustodyTimeline({ steps }: { steps: TraceStep[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) return <EmptyState hint={t('trace.noSteps')} />;
  const effects = new Set(['commission', 'ship', 'receive', 'store', 'use', 'return', 'destroy', 'pack', 'unpack', 'observe']);
  // Steps that move nothing (storing, packing, inspecting…) are named by their CBV business step.
  const stepLabel = (s: TraceStep): string => {
    if (effects.has(s.effect)) return t(`trace.effects.${s.effect}`);
    const step = (s.bizStep ?? '').replace(/^.*[:/]/, '');
    return step ? t(`trace.bizSteps.${step}`, { defaultValue: step }) : t('trace.effects.other');
  };
  return (
    <Timeline
      data-testid="custody-timeline"
      items={steps.map((s) => {
        const temps = temperatureText(s);
        const org = s.organization;
        return {
          key: s.eventId,
          color: s.excursion ? 'red' : s.effect === 'use' ? 'green' : 'blue',
          children: (
            <div data-testid="timeline-step">
              <Typography.Text strong>{stepLabel(s)}</Typography.Text>{' '}
              <Typography.Text type="secondary">{formatInstant(s.time)}</Typography.Text>
              <div>
                <span data-content>{org ? org.name : '—'}</span>
                {org?.restricted && <Tag style={{ marginLeft: 8 }} title={t('trace.restricted')}>{org.regionCode}</Tag>}
                {s.to && s.effect === 'ship' && <> → <span data-content>{s.to.name}</span></>}
                {s.quantity !== null && <Typography.Text type="secondary"> · {t('trace.quantity', { quantity: s.quantity })}</Typography.Text>}
              </div>
              {s.documents.length > 0 && (
                <div data-testid="step-documents">
                  {t('trace.documents')}:{' '}
                  {s.documents.filter((d) => d.id !== null).map((d) => {
                    const doc = readableDocument({ type: d.type, id: d.id as string });
                    return (
                      <Tag key={`${d.type}|${d.id}`} title={doc.issuerGln ? t('trace.documentIssuer', { gln: doc.issuerGln }) : (d.id as string)}>
                        {t(`trace.documentTypes.${doc.type}`, { defaultValue: doc.type || t('trace.documentTypes.other') })} {doc.number}
                      </Tag>
                    );
                  })}
                </div>
              )}
              {temps && (
                <div>
                  {t('trace.temperature')}: {temps} {s.excursion && <Tag color="red" data-testid="excursion">{t('trace.excursion')}</Tag>}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
