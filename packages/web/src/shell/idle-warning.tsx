import { Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSession } from '../session/session-context.tsx';

const WARN_BEFORE_MS = 2 * 60_000;
const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * The server ends a session after N idle minutes (security policy, 30 by default). Two minutes
 * before, this warns with a countdown; "stay" touches the server so its idle clock restarts too.
 * At zero it logs out here as well, so nobody keeps looking at data of a dead session.
 */
export function IdleWarning() {
  const { t } = useTranslation();
  const { idleTimeoutMinutes, logout } = useSession();
  const lastActivity = useRef(Date.now());
  const [remaining, setRemaining] = useState<number | null>(null);

  useEffect(() => {
    const touch = () => {
      if (remaining === null) lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => {
      const left = lastActivity.current + idleTimeoutMinutes * 60_000 - Date.now();
      if (left <= 0) {
        clearInterval(timer);
        void logout('idle');
      } else if (left <= WARN_BEFORE_MS) setRemaining(Math.ceil(left / 1000));
      else setRemaining(null);
    }, 1000);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch);
      clearInterval(timer);
    };
  }, [idleTimeoutMinutes, logout, remaining]);

  const stay = () => {
    lastActivity.current = Date.now();
    setRemaining(null);
    void api('/api/auth/me').catch(() => undefined);
  };

  return (
    <Modal open={remaining !== null} title={t('session.idleTitle')} onOk={stay} onCancel={stay} okText={t('session.stay')} cancelButtonProps={{ style: { display: 'none' } }}>
      <p role="alert">{t('session.idleBody', { minutes: idleTimeoutMinutes - 2, seconds: remaining ?? 0 })}</p>
    </Modal>
  );
}
