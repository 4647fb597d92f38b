import { Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client.ts';

import type { DirectoryEntry, DirectoryType } from '@lianjian/core/master-data/organization-directory';

export type { DirectoryEntry, DirectoryType };

/** How long typing must pause before the server is asked: one request per word, not per keystroke. */
export const SEARCH_DEBOUNCE_MS = 250;
const LIMIT = 20;

export interface OrganizationPickerProps {
  /** The organisation id as form text ('' when none is chosen). */
  value: string;
  onChange: (id: string) => void;
  /** Only organisations of this type are offered. */
  type?: DirectoryType;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * Picks an organisation by what users know of it (part of its name, its unified social credit code
 * or GLN) and yields its platform id, which the APIs take. The server is asked as the user types,
 * after a short pause; a value set from outside (the user's own organisation) is looked up by id so
 * its name shows instead of a number.
 */
export function OrganizationPicker({ value, onChange, type, id, placeholder, 'data-testid': testId, 'aria-label': ariaLabel }: OrganizationPickerProps) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<DirectoryEntry[]>([]);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  // Every organisation seen so far, so the chosen one keeps its name when a later search leaves it out.
  const [known, setKnown] = useState<Map<string, DirectoryEntry>>(new Map());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const searched = useRef(false);

  const remember = (items: DirectoryEntry[]) => setKnown((m) => (items.length ? new Map([...m, ...items.map((e) => [String(e.id), e] as const)]) : m));

  const fetchNow = (q: string) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState('loading');
    api<{ items: DirectoryEntry[] }>(`/api/organizations/directory${query({ q: q.trim(), type, limit: LIMIT })}`, { signal: controller.signal })
      .then(({ items }) => {
        if (controller.signal.aborted) return;
        setEntries(items);
        remember(items);
        setState('idle');
      })
      .catch(() => !controller.signal.aborted && setState('failed'));
  };
  const search = (q: string) => {
    searched.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => fetchNow(q), SEARCH_DEBOUNCE_MS);
  };

  // A value that arrived without a search (a default, a reset form): its name comes from the directory by id.
  useEffect(() => {
    if (!value || known.has(value)) return;
    const controller = new AbortController();
    api<{ items: DirectoryEntry[] }>(`/api/organizations/directory${query({ id: value })}`, { signal: controller.signal })
      .then(({ items }) => remember(items))
      .catch(() => undefined); // the number stays shown; the submit still names any problem with it
    return () => controller.abort();
  }, [value]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
    inFlight.current?.abort();
  }, []);

  const nameOf = (e: DirectoryEntry) => (i18n.language === 'en' && e.nameEn) || e.name;
  const chosen = value ? known.get(value) : undefined;
  const options = [
    ...entries.map((e) => ({ value: String(e.id), label: nameOf(e), entry: e })),
    // The chosen organisation stays an option, so the box shows its name (or its id while the name loads).
    ...(value && !entries.some((e) => String(e.id) === value) ? [{ value, label: chosen ? nameOf(chosen) : `#${value}`, entry: chosen }] : []),
  ];

  return (
    <Select
      id={id} data-testid={testId} aria-label={ariaLabel} style={{ width: '100%' }} allowClear showSearch filterOption={false} loading={state === 'loading'}
      placeholder={placeholder ?? t('pf.orgPicker.placeholder')}
      value={value || undefined}
      onChange={(v: string | undefined) => onChange(v ?? '')}
      onSearch={search}
      // The first opening lists some organisations before anything is typed.
      onOpenChange={(open) => open && !searched.current && search('')}
      options={options}
      optionRender={(o) => {
        const e = (o.data as { entry?: DirectoryEntry }).entry;
        if (!e) return o.label;
        return (
          <Space direction="vertical" size={0} data-testid={`org-option-${e.id}`}>
            <span>{nameOf(e)} <Tag>{t(`lists.orgTypes.${e.type}`)}</Tag></span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[e.regionName ?? e.regionCode, e.gln && `GLN ${e.gln}`, e.creditCode].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Space>
        );
      }}
      notFoundContent={state === 'loading' ? <Spin size="small" data-testid="org-picker-loading" />
        : state === 'failed' ? <Typography.Text type="danger" data-testid="org-picker-failed">{t('pf.orgPicker.failed')}</Typography.Text>
          : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="org-picker-empty">{t('pf.orgPicker.empty')}</span>} />}
    />
  );
}
