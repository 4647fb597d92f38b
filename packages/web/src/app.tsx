import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCNAntd from 'antd/es/locale/zh_CN';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiProblem } from './api/problem.ts';
import { i18n } from './i18n/i18n.ts';
import { SessionProvider } from './session/session-context.tsx';
import { AppRoutes } from './shell/app-routes.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    // A problem the server answered (4xx) will not change on retry; network hiccups may.
    queries: { retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2, staleTime: 30_000, refetchOnWindowFocus: false },
  },
});

function Localised({ children }: { children: React.ReactNode }) {
  const { i18n: instance } = useTranslation();
  return (
    <ConfigProvider locale={instance.language === 'en' ? enUS : zhCNAntd} theme={{ token: { colorPrimary: '#1f5fa8' } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Providers (i18n, antd locale, queries, session, router) around the routes. */
export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Localised>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <AppRoutes />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </Localised>
    </I18nextProvider>
  );
}
