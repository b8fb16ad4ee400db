import { useEffect, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';
import { capturableUrlProblem, originPattern } from '@/lib/evidence/capturable-url';

export interface TargetTab {
  id: number;
  title: string;
  url: string;
  /** Whether the extension may already read this origin (no prompt needed). */
  granted: boolean;
}

/**
 * The web page a capture would read: the active tab of the panel's window, or, when the
 * panel itself is the active tab (opened full-size), the most recently used web page.
 */
export async function findTargetTab(): Promise<TargetTab | null> {
  const currentWindow = await browser.windows.getCurrent().catch(() => undefined);
  const active = currentWindow?.id !== undefined ? await browser.tabs.query({ active: true, windowId: currentWindow.id }) : [];
  const web = (tabs: Browser.tabs.Tab[]) => tabs.filter((t) => t.id !== undefined && !capturableUrlProblem(t.url));
  let tab = web(active)[0];
  if (!tab) {
    const all = web(await browser.tabs.query({}));
    tab = all.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  }
  if (!tab?.url || tab.id === undefined) return null;
  const granted = await browser.permissions.contains({ origins: [originPattern(tab.url)] }).catch(() => false);
  return { id: tab.id, title: tab.title || tab.url, url: tab.url, granted };
}

export function useTargetTab(): TargetTab | null {
  const [target, setTarget] = useState<TargetTab | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = () => void findTargetTab().then((t) => alive && setTarget(t));
    refresh();
    browser.tabs.onActivated.addListener(refresh);
    browser.tabs.onUpdated.addListener(refresh);
    browser.tabs.onRemoved.addListener(refresh);
    browser.permissions.onAdded?.addListener(refresh);
    return () => {
      alive = false;
      browser.tabs.onActivated.removeListener(refresh);
      browser.tabs.onUpdated.removeListener(refresh);
      browser.tabs.onRemoved.removeListener(refresh);
      browser.permissions.onAdded?.removeListener(refresh);
    };
  }, []);
  return target;
}
