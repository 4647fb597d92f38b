import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { languageReady } from './i18n/i18n.ts';
import { preloadDashboard } from './preload.ts';

if (window.location.pathname === '/dashboard') preloadDashboard();

const root = document.getElementById('root');
// A user who chose English gets it from the first paint (its words load in parallel with the session check).
if (root) void languageReady.then(() => createRoot(root).render(<App />));
