import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies the API to a running `npm start` (or LIANJIAN_URL), so the session cookie
// stays same-origin exactly as in production, where the server itself serves dist/.
const target = process.env.LIANJIAN_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': { target, changeOrigin: false }, '/epcis': target, '/docs': target, '/openapi.json': target },
  },
});
