import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The portal bundle: served by the Entrada server at /portal/ (src/portal-host.ts), runtime config from /portal/config.json. */
export default defineConfig({
  root: here,
  base: '/portal/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: path.resolve(here, '..', '..', 'dist', 'portal'),
    emptyOutDir: true,
    sourcemap: false,
    // Fluent UI alone is ~700 kB; libraries change less often than the portal, so they get their own chunks.
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        manualChunks: {
          fluent: ['@fluentui/react-components', '@fluentui/react-icons'],
          msal: ['@azure/msal-browser'],
        },
      },
    },
  },
});
