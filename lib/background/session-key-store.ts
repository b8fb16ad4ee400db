import { browser } from 'wxt/browser';
import type { SessionKeyStore } from '@/lib/settings/key-vault';

const SESSION_KEY = 'fm-vault-key';

/**
 * Keeps the unlocked vault key in `storage.session`: in memory only, readable by extension
 * pages and the service worker (not content scripts), gone when the browser closes. A worker
 * stopped for idleness therefore restarts unlocked; a browser restart asks again.
 */
export function browserSessionKeyStore(): SessionKeyStore {
  return {
    get: async () => {
      const stored = await browser.storage.session.get(SESSION_KEY);
      const value = stored[SESSION_KEY];
      return typeof value === 'string' ? value : undefined;
    },
    set: (raw) => browser.storage.session.set({ [SESSION_KEY]: raw }),
    clear: () => browser.storage.session.remove(SESSION_KEY),
  };
}
