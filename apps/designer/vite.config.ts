/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const engineSource = (file: string) => fileURLToPath(new URL(`../../libs/mapping-engine/src/${file}`, import.meta.url));
// The engine's index pulls worker_threads and node:perf_hooks; the browser entry exports only what the preview needs.
const engineFile = (name: string) => engineSource(`function-library/${name}.ts`);

const REFERENCE_LIBRARY = engineSource('compiler/reference-library.ts').replace(/\\/g, '/');
const FS_IMPORT = "import { readFileSync } from 'node:fs';";
const BUNDLE_RESOLVE = "require.resolve('jsonata/jsonata.js')";

/**
 * The compiler shares jsonata's own string, number, date and signature code by re-instantiating the
 * jsonata bundle from its text, which on Node it reads from disk. In the browser the same text is
 * bundled with `?raw` and handed to the unchanged loader. If the loader's file reads change, the build
 * stops here rather than shipping a preview whose compiler silently declines every expression.
 */
function browserJsonataReferenceLibrary(): Plugin {
  return {
    name: 'mapwright-browser-jsonata-reference-library',
    enforce: 'pre',
    transform(code, id) {
      if (id.split('?')[0].replace(/\\/g, '/') !== REFERENCE_LIBRARY) return null;
      if (!code.includes(FS_IMPORT) || !code.includes(BUNDLE_RESOLVE)) {
        this.error(`${REFERENCE_LIBRARY} no longer reads the jsonata bundle as "${FS_IMPORT}" + "${BUNDLE_RESOLVE}"; update the designer's browser shim in vite.config.ts.`);
      }
      const shim = "import jsonataBundleText from 'jsonata/jsonata.js?raw';\nconst readFileSync = (_file: string, _encoding: string): string => jsonataBundleText;";
      return { code: code.replace(FS_IMPORT, shim).replace(BUNDLE_RESOLVE, "'jsonata/jsonata.js'"), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), browserJsonataReferenceLibrary()],
  resolve: { alias: {
      '@mapwright/mapping-engine/browser': engineSource('browser.ts'),
      '@mapwright/mapping-engine/function-library': engineFile('function-library'),
      '@mapwright/mapping-engine/run-context': engineFile('run-context'),
    } },
  worker: { format: 'es', plugins: () => [browserJsonataReferenceLibrary()] },
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
