import { formatIssue, type Locale } from '../i18n/issue-words.ts';
import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QualityFlag } from '../api/dossier-types.ts';
import { formatInstant } from '../format/time.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A flag in words: the same catalogue text the server uses (core/locales `quality_flag.<rule>`), instants in Shanghai time. */
export function flagText(flag: QualityFlag, locale: Locale): { message: string; hint?: string } {
  const params: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(flag.params)) {
    if (typeof v === 'string') params[k] = INSTANT.test(v) ? formatInstant(v) : v;
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) params[k] = v;
  }
  return formatIssue({ code: `quality_flag.${flag.rule}`, params }, locale);
}

/** Where a flag's evidence is: on this page (an anchor) or the flagged lot's own dossier. */
function target(flag: QualityFlag, onLotPage: boolean): string | null {
  const anchor = flag.rule === 'released_with_failed_item' ? '#release' : flag.rule === 'shipped_before_release' ? '#distribution' : '#materials';
  if (onLotPage) return anchor;
  const di = flag.params.productDi;
  const lot = flag.params.lot;
  return typeof di === 'string' && typeof lot === 'string' ? `/lots/${encodeURIComponent(di)}/${encodeURIComponent(lot)}${anchor}` : null;
}

/** Quality flags as alerts a regulator reads: what is wrong, what to check, when it was found, a link to the evidence. */
export function FlagAlerts({ flags, onLotPage = false }: { flags: QualityFlag[]; onLotPage?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="quality-flags">
      {flags.map((f) => {
        const text = flagText(f, locale);
        const to = target(f, onLotPage);
        return (
          <Alert key={f.id} type="error" showIcon data-testid="quality-flag" message={text.message}
            description={<>{text.hint} <span style={{ color: '#888' }}>· {t('dv.flagDetected', { time: formatInstant(f.detectedAt) })}</span>{to && <> · {to.startsWith('#') ? <a href={to}>{t('common.view')}</a> : <Link to={to}>{t('common.view')}</Link>}</>}</>} />
        );
      })}
    </Space>
  );
}
