import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest resolves `@/` aliases and auto-imports, and provides an in-memory `browser`.
  plugins: [WxtVitest()],
  test: {
    environment: 'node', // per-file override with `// @vitest-environment happy-dom`
    include: ['{lib,engines,components,entrypoints,tests,scripts,server}/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'tests/e2e-firefox/**', 'node_modules/**', '.output/**'],
    restoreMocks: true,
    testTimeout: 15_000,
  },
});
