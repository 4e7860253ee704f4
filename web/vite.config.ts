import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The app is served by the gateway under /app/ and calls the gateway's /graphql on the same origin. */
export const WEB_APP_BASE = '/app/';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: WEB_APP_BASE,
  plugins: [react()],
  // No public folder, no CDN: everything the page loads is in dist/ beside index.html.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  // `npx vite web` during development: API calls go to the gateway `npm start` runs.
  server: { proxy: { '/graphql': 'http://localhost:4000' } },
});
