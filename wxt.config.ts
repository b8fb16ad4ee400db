import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifestVersion: 3,
  // Never let WXT try to launch or download a browser: `npm start` prints how to load the build.
  webExt: { disabled: true },
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: ({ browser, mode }) => ({
    name: 'FaultMaven',
    description: 'AI troubleshooting copilot for on-call engineers: evidence, hypotheses and answers beside your consoles.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'activeTab',
      'scripting',
      'tabs',
      ...(browser === 'chrome' ? ['sidePanel'] : []),
    ],
    // E2E builds (`wxt build --mode e2e`) pre-grant localhost so the suites never meet a
    // permission prompt they cannot click. Real installs ask per site on first capture.
    host_permissions: mode === 'e2e' ? ['http://localhost/*', 'http://127.0.0.1/*'] : [],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Open FaultMaven' },
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
