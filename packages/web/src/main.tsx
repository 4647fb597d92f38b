import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './i18n/i18n.ts';
import { preloadDashboard } from './preload.ts';

if (window.location.pathname === '/dashboard') preloadDashboard();

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
