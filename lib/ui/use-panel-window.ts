import { createContext, useContext, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

/**
 * The browser window this panel belongs to (Chrome's side panel and Firefox's sidebar are per
 * window; a panel opened as a tab belongs to the tab's window). `undefined` while asking,
 * `null` when the browser cannot tell: the panel then follows the global active case.
 */
export function usePanelWindowId(): number | null | undefined {
  const [windowId, setWindowId] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void currentWindowId().then((id) => alive && setWindowId(id));
    return () => {
      alive = false;
    };
  }, []);
  return windowId;
}

let windowIdPromise: Promise<number | null> | null = null;

/** Asked once per page: a panel never moves to another window. */
export function currentWindowId(): Promise<number | null> {
  windowIdPromise ??= browser.windows.getCurrent().then(
    (w) => w.id ?? null,
    () => null,
  );
  return windowIdPromise;
}

/** The window id as an optional command field. */
export function windowField(windowId: number | null | undefined): { windowId?: number } {
  return typeof windowId === 'number' ? { windowId } : {};
}

/** The panel's window, for components deep in the tree that create or switch cases. */
export const PanelWindowContext = createContext<number | null>(null);

export function usePanelWindow(): number | null {
  return useContext(PanelWindowContext);
}
