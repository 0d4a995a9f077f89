/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The engine's function library is pure (jsonata + decimal.js); the engine's index is not (worker_threads), so alias the one file.
const engineFile = (name: string) => fileURLToPath(new URL(`../../libs/mapping-engine/src/function-library/${name}.ts`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: { alias: {
      '@mapwright/mapping-engine/function-library': engineFile('function-library'),
      '@mapwright/mapping-engine/run-context': engineFile('run-context'),
    } },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 6000 },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./test-setup/vitest.setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
