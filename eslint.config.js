import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Globals and modules that tie code to a browser or to storage. engines/ must not use them. */
const BROWSER_GLOBALS = ['chrome', 'browser', 'window', 'document', 'navigator', 'indexedDB', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest'];
const IMPURE_MODULES = ['dexie', 'dexie-react-hooks', 'wxt', 'wxt/*', '#imports', 'react', 'react-dom', '@/lib/*', '@/entrypoints/*', '@/components/*', 'node:*', 'fs', 'path'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'server/**/dist/**', 'tests/e2e-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // The investigation engines are pure functions of state: they run in the service worker,
    // in Node (CLI) and in tests alike, so no browser, storage or UI API may creep in.
    files: ['engines/**/*.ts'],
    ignores: ['engines/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS.map((name) => ({ name, message: 'engines/ must stay free of browser and storage APIs' }))],
      'no-restricted-imports': ['error', { patterns: [{ group: IMPURE_MODULES, message: 'engines/ must stay free of browser, storage and UI modules' }] }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts', '**/*.test.{ts,tsx}'],
    rules: { 'no-console': 'off' },
  },
  {
    // E2E code reaches into browser contexts (service worker globals, the e2e test hook)
    // that have no static types, and Playwright fixtures are not React hooks.
    files: ['tests/e2e/**/*.ts', 'tests/e2e-firefox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'react-hooks/rules-of-hooks': 'off',
      'no-empty-pattern': 'off',
    },
  },
);
