import { roleMay } from '@lianjian/core/auth/permissions';
import { Alert, Badge, Button, Layout, Menu, Space, Typography, Watermark, type MenuProps } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useApi } from '../api/use-api.ts';
import { PENDING_COUNT_API } from '../components/privacy/identity-requests-api.ts';
import { formatInstant } from '../format/time.ts';
import { useSession } from '../session/session-context.tsx';
import { IdleWarning } from './idle-warning.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { navigationFor, OPEN_GROUPS, type NavItem } from './navigation.ts';

const { Header, Sider, Content } = Layout;

interface MenuEntry { key: string; label: ReactNode; children?: MenuEntry[] }

/** The menu entry whose label carries the count of identity requests waiting for a privacy officer. */
const PRIVACY_PATH = '/admin/privacy';
/** How often the menu asks for that count while a privacy officer works elsewhere in the app. */
const PENDING_POLL_MS = 60_000;

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The frame of every page after login: menu by role, language switch, user, last login, watermark. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, previousLogin, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const now = useMinuteClock();
  const [noticeOpen, setNoticeOpen] = useState(true);
  // A privacy officer's menu counts the requests waiting for a decision (deciding one refetches it: same query key as the page's).
  const pendingCount = useApi<{ pending: number }>(user && roleMay(user.role, 'patient_identity.grant') ? PENDING_COUNT_API : null, { refetchInterval: PENDING_POLL_MS, background: true });
  const pending = pendingCount.data?.pending ?? 0;
  const items = useMemo(() => {
    const label = (n: NavItem): ReactNode => (n.path === PRIVACY_PATH && pending > 0
      ? <Space size={6}>{t(n.label)}<Badge count={pending} size="small" title={t('sys.privacy.requests.pendingCount', { count: pending })} data-testid="nav-pending-requests" /></Space>
      : t(n.label));
    const toMenu = (n: NavItem): MenuEntry =>
      n.children ? { key: n.path, label: t(n.label), children: n.children.map(toMenu) } : { key: n.path, label: label(n) };
    return user ? navigationFor(user.role, user.organizationType).map(toMenu) : [];
  }, [t, user, pending]);
  if (!user) return null;
  const selected = items.flatMap((i) => [i, ...(i.children ?? [])]).map((i) => i.key).filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];

  return (
    <Watermark content={[t('watermark', { name: user.name, time: formatInstant(now) })]} font={{ color: 'rgba(0,0,0,0.05)', fontSize: 14 }} gap={[160, 160]}>
      <Layout style={{ minHeight: '100vh' }}>
        <a className="skip-link" href="#main">{t('app.skip')}</a>
        {/* English menu labels run about a third longer than Chinese ones: a wider menu keeps them whole. */}
        <Sider breakpoint="lg" collapsedWidth={0} theme="light" width={i18n.language === 'en' ? 256 : 208}>
          <div style={{ padding: 16, fontWeight: 600, fontSize: 18 }}>{t('app.name')}</div>
          <nav aria-label={t(user.role === 'regulator' ? 'nav.workbench' : 'nav.portal')}>
            <Menu mode="inline" items={items as MenuProps["items"]} selectedKeys={selected ? [selected] : []} defaultOpenKeys={OPEN_GROUPS} onClick={(e) => navigate(e.key)} />
          </nav>
        </Sider>
        <Layout>
          <Header style={{ background: '#fff', padding: '0 16px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            <Space>
              <span data-testid="current-user" data-content>{t('session.who', { name: user.name, role: t(`role.${user.role}`) })}</span>
              <LanguageSwitch />
              <Button onClick={() => void logout()}>{t('session.logout')}</Button>
            </Space>
          </Header>
          <Content id="main" tabIndex={-1} style={{ margin: 16 }}>
            {noticeOpen && previousLogin !== undefined && (
              <Alert
                style={{ marginBottom: 16 }}
                type="info"
                closable
                onClose={() => setNoticeOpen(false)}
                data-testid="last-login"
                message={previousLogin ? t('session.previousLogin', { at: formatInstant(previousLogin.at), ip: previousLogin.ip ?? '—' }) : t('session.firstLogin')}
              />
            )}
            <Outlet />
          </Content>
        </Layout>
      </Layout>
      <IdleWarning />
    </Watermark>
  );
}
