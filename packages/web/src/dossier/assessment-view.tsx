import { Alert, Card, Col, Descriptions, Row, Space, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstitutionAssessment } from '../api/dossier-types.ts';
import { EChart } from '../components/echart.tsx';
import { formatInstant } from '../format/time.ts';
import { Figure, percent } from './cells.tsx';

/**
 * An institution's device-management assessment (`GET /api/institutions/{id}/assessment`): training
 * coverage of the operators who used devices, maintenance failures and downtime, reporting
 * timeliness and the management facts it stated; a small bar chart of training coverage by product.
 */
export function AssessmentView({ a }: { a: InstitutionAssessment }) {
  const { t } = useTranslation();
  const option = useMemo(() => ({
    animation: false,
    grid: { left: 160, right: 30, top: 10, bottom: 30 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: a.trainingByProduct.map((p) => `${p.productName} ${p.model}`) },
    series: [{
      name: t('dv.coverage'), type: 'bar',
      data: a.trainingByProduct.map((p) => ({ value: p.coverage === null ? 0 : Math.round(p.coverage * 1000) / 10, itemStyle: { color: (p.coverage ?? 0) < 0.8 ? '#cf1322' : '#389e0d' } })),
    }],
  }), [a, t]);
  // The three shares side by side (0–100 %): what a regulator compares between institutions.
  const shares = useMemo(() => {
    const rows: [string, number | null][] = [
      [t('dv.trainingCoverage'), a.training.coverage],
      [t('dv.timeliness'), a.reporting.timeliness],
      [t('dv.maintenanceOk'), a.maintenance.records ? 1 - a.maintenance.failures / a.maintenance.records : null],
    ];
    return {
      animation: false,
      grid: { left: 150, right: 40, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: rows.map(([name]) => name) },
      series: [{ type: 'bar', barWidth: 18, label: { show: true, position: 'right', formatter: '{c} %' }, data: rows.map(([, v]) => ({ value: v === null ? '-' : Math.round(v * 1000) / 10, itemStyle: { color: v !== null && v < 0.8 ? '#cf1322' : '#389e0d' } })) }],
    };
  }, [a, t]);
  const f = a.facts;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="assessment">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Figure testId="assessment-training" title={t('dv.trainingCoverage')} value={percent(a.training.coverage)} danger={a.training.coverage !== null && a.training.coverage < 0.8} /></Col>
        <Col xs={12} md={6}><Figure title={t('dv.maintenanceFailures')} value={`${a.maintenance.failures} / ${a.maintenance.records}`} danger={a.maintenance.failures > 0} /></Col>
        <Col xs={12} md={6}><Figure title={t('dv.downtime')} value={a.maintenance.downtimeHours} /></Col>
        <Col xs={12} md={6}><Figure title={t('dv.timeliness')} value={percent(a.reporting.timeliness)} danger={a.reporting.late > 0} /></Col>
      </Row>
      <Card size="small" title={t('dv.assessment')}>
        <EChart option={shares} height={150} label={t('dv.assessment')} testId="assessment-chart" />
        {t('dv.usesByTrained', { trained: a.training.usesByTrained, uses: a.training.uses })}
        {' · '}{t('dv.meanDowntime')}: {a.maintenance.meanDowntimeHours ?? '—'} · {t('dv.scrapped')}: {a.maintenance.scrapped}
        {' · '}{t('dv.late')}: {a.reporting.late} · {t('dv.onTime')}: {a.reporting.onTime}
      </Card>
      {a.trainingByProduct.length > 0 && (
        <Card size="small" title={t('dv.byProduct')}>
          <EChart option={option} height={Math.max(120, 36 * a.trainingByProduct.length + 50)} label={t('dv.byProduct')} testId="assessment-product-chart" />
          <Table size="small" rowKey="productDi" pagination={false} dataSource={a.trainingByProduct} columns={[
            { title: t('dv.product'), render: (_, p) => <span data-content>{p.productName} {p.model}</span> },
            { title: t('dv.uses'), dataIndex: 'uses', align: 'right' },
            { title: t('dv.trained'), dataIndex: 'usesByTrained', align: 'right' },
            { title: t('dv.coverage'), render: (_, p) => <Tag color={(p.coverage ?? 0) < 0.8 ? 'red' : 'green'}>{percent(p.coverage)}</Tag> },
          ]} />
        </Card>
      )}
      <Card size="small" title={t('dv.management')}>
        {f ? (
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('dv.management')}><Tag color={f.managementSystem ? 'green' : 'red'}>{t(f.managementSystem ? 'dv.managementSystem' : 'dv.noManagementSystem')}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('dv.systemDocument')}><span data-content>{f.systemDocument ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('dv.responsible')}><span data-content>{f.responsiblePerson}</span></Descriptions.Item>
            <Descriptions.Item label={t('common.time')}>{formatInstant(f.updatedAt)}</Descriptions.Item>
          </Descriptions>
        ) : <Alert type="warning" showIcon message={t('dv.noFacts')} />}
      </Card>
    </Space>
  );
}
