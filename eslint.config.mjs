import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.generated.ts', 'apps/designer/dist/**', 'coverage/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@nx/enforce-module-boundaries': ['error', {
        allow: [],
        depConstraints: [
          { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:flow', 'type:domain', 'type:engine', 'type:model', 'type:util'] },
          // A flow library composes domain rules into one end-to-end process (the functional core apps drive).
          { sourceTag: 'type:flow', onlyDependOnLibsWithTags: ['type:domain', 'type:engine', 'type:model', 'type:util'] },
          { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:engine', 'type:model', 'type:util'] },
          { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:model', 'type:util'] },
          { sourceTag: 'type:model', onlyDependOnLibsWithTags: ['type:util'] },
          { sourceTag: 'scope:frontend', onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'] },
          { sourceTag: 'scope:backend', onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'] },
          { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        ],
      }],
    },
  },
  {
    // Plain CommonJS and ESM scripts (bin shims, configs, tools, benchmarks) run directly on Node.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // CLI, tools and tests talk to the terminal on purpose.
    files: ['apps/cli/**', 'tools/**', 'test/**', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Domain, engine and model libraries never touch the ORM.
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['typeorm', '@nestjs/*', 'better-sqlite3', 'pg'] }] },
  },
  {
    // The designer runs in browsers and Web Workers; its Vite and vitest configs run on Node.
    files: ['apps/designer/**'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', self: 'readonly', navigator: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly', fetch: 'readonly', Worker: 'readonly', MessageEvent: 'readonly', performance: 'readonly', crypto: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', HTMLElement: 'readonly', HTMLTextAreaElement: 'readonly', HTMLSelectElement: 'readonly', HTMLButtonElement: 'readonly', console: 'readonly', process: 'readonly' } },
  },
];
