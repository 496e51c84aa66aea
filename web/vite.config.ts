// Plain Vite static build of the web app: `npm run build:web` writes web/dist,
// which the local stack and (later) CloudFront serve with an SPA fallback.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The npm scripts pass `--config web/vite.config.ts` from the repo root, so
// anchor paths to this file rather than to the working directory.
const webDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webDir,
  // Options live here; a separate svelte.config.js would only repeat the defaults.
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npm run dev:web` next to `npm start`: the API stays same-origin, as in production.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
