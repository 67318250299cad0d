import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const api = process.env.TELECONSULT_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The browser compiles the shared packages from source: one set of schemas, no build step
    // (their CommonJS dist cannot be served to the dev server as ES modules).
    alias: {
      '@teleconsult/protocol': fileURLToPath(
        new URL('../../packages/protocol/src/index.ts', import.meta.url),
      ),
      '@teleconsult/clinical': fileURLToPath(
        new URL('../../packages/clinical/src/index.ts', import.meta.url),
      ),
      '@teleconsult/scheduling': fileURLToPath(
        new URL('../../packages/scheduling/src/index.ts', import.meta.url),
      ),
      '@teleconsult/imaging': fileURLToPath(new URL('../../packages/imaging/src/index.ts', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
  build: { outDir: 'dist', sourcemap: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
