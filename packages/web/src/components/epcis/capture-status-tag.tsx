import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaptureJobStatus } from '../../api/capture-job-types.ts';

const COLOURS: Record<CaptureJobStatus, string> = { running: 'processing', succeeded: 'success', partial: 'warning', failed: 'error' };

/** A capture job's status as a coloured tag: green all stored, orange some events rejected, red none stored. */
export function CaptureStatusTag({ status }: { status: CaptureJobStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]} data-testid="capture-status">{t(`captureJobs.statuses.${status}`)}</Tag>;
}
