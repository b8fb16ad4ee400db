import path from 'node:path';
import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { buildKbPack } from './scripts/build-kb-pack';
import { tokenizerAssets } from './scripts/tokenizer-assets';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifestVersion: 3,
  // Never let WXT try to launch or download a browser: `npm start` prints how to load the build.
  webExt: { disabled: true },
  // The knowledge base's global runbook pack ships pre-chunked and pre-embedded (public/kb/);
  // rebuild it before every build if a runbook changed. A no-op when it is up to date.
  hooks: {
    'build:before': async () => {
      await buildKbPack();
    },
    // OpenAI tokenizer tables ship as files the service worker fetches on first use, instead of
    // megabytes of bundled code parsed at every worker start (lib/llm/tokens/).
    'build:publicAssets': async (_wxt, files) => {
      files.push(...(await tokenizerAssets()));
      // ONNX Runtime's WASM for the optional transformer embedder (lib/kb/extension-transformer.ts):
      // served by the extension itself, never from a CDN.
      files.push({ absoluteSrc: path.resolve('node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm'), relativeDest: 'ort/ort-wasm-simd-threaded.asyncify.wasm' });
    },
  },
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: ({ browser, mode }) => ({
    name: 'FaultMaven',
    description: 'AI troubleshooting copilot for on-call engineers: evidence, hypotheses and answers beside your consoles.',
    permissions: [
      'storage',
      // Team sync plans its passes (and retries) with alarms, which wake a stopped worker.
      'alarms',
      'unlimitedStorage',
      'contextMenus',
      'activeTab',
      'scripting',
      'tabs',
      ...(browser === 'chrome' ? ['sidePanel'] : []),
    ],
    // E2E builds (`wxt build --mode e2e`) pre-grant localhost so the suites never meet a
    // permission prompt they cannot click, and `<all_urls>`, which tabs.captureVisibleTab needs
    // from a panel click (tests/e2e/evidence.spec.ts, screenshot test). Real installs ask per
    // site on first capture, and for `<all_urls>` on the first screenshot.
    host_permissions: mode === 'e2e' ? ['http://localhost/*', 'http://127.0.0.1/*', '<all_urls>'] : [],
    // `<all_urls>` only for "Screenshot visible tab": Chrome's captureVisibleTab accepts nothing narrower
    // from a side panel. Asked for on the first screenshot, never at install.
    optional_host_permissions: ['http://*/*', 'https://*/*', '<all_urls>'],
    action: { default_title: 'Open FaultMaven' },
    // 'wasm-unsafe-eval' lets the transformer embedder compile ONNX Runtime's WASM and the knowledge
    // base compile its SIMD vector-scan kernel (lib/kb/wasm/); no JS eval is allowed.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    commands:
      browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+F' },
              description: 'Open the FaultMaven sidebar',
            },
          }
        : {
            _execute_action: {
              suggested_key: { default: 'Alt+Shift+F' },
              description: 'Open the FaultMaven side panel',
            },
          },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'faultmaven@faultmaven.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Desktop is the target (sidebar); this only keeps the Android minimum consistent.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
