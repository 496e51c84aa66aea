// Plain Vite static build of the web app: `npm run build:web` writes web/dist,
// which the local stack and (later) CloudFront serve with an SPA fallback.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { messagesDir, runMessageCompiler } from './i18n/runMessageCompiler.ts';

// The npm scripts pass `--config web/vite.config.ts` from the repo root, so
// anchor paths to this file rather than to the working directory.
const webDir = fileURLToPath(new URL('.', import.meta.url));

/** web/messages → web/src/paraglide before every build, and again when a message file changes in dev. */
function messages(): Plugin {
  return {
    name: 'vtrack-messages',
    buildStart: () => runMessageCompiler(),
    configureServer(server) {
      server.watcher.add(messagesDir);
      server.watcher.on('change', (file) => {
        if (file.startsWith(messagesDir)) runMessageCompiler().catch((error: unknown) => server.config.logger.error(String(error)));
      });
    },
  };
}

export default defineConfig({
  root: webDir,
  // Options live here; a separate svelte.config.js would only repeat the defaults.
  plugins: [messages(), svelte({ configFile: false })],
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
