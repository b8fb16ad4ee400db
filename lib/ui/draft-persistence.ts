/*
 * Message drafts, one per case, kept in the extension's localStorage: it is shared by every
 * extension page (each window's side panel, the full-tab panel), survives closing the panel
 * and restarting the browser, and is synchronous, so a reopened panel shows the draft in its
 * first frame. Drafts never reach the service worker.
 */

const PREFIX = 'faultmaven:draft:';
/** A draft is something typed or pasted by hand; past this it is a log that belongs in evidence. */
export const MAX_DRAFT_CHARS = 100_000;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Opaque origins and some privacy settings throw on access: drafts then live in memory only.
    return null;
  }
}

export function loadDrafts(store: Storage | null = storage()): Record<string, string> {
  const drafts: Record<string, string> = {};
  if (!store) return drafts;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) drafts[key.slice(PREFIX.length)] = store.getItem(key) ?? '';
  }
  return drafts;
}

export function saveDraft(caseId: string, text: string, store: Storage | null = storage()): void {
  if (!store) return;
  try {
    if (text) store.setItem(PREFIX + caseId, text.slice(0, MAX_DRAFT_CHARS));
    else store.removeItem(PREFIX + caseId);
  } catch {
    // Quota exceeded: the draft stays in memory for this page, which is what matters most.
  }
}

/** Another window typed in the same case's draft: follow it. Returns the unsubscribe. */
export function watchDraftChanges(onChange: (caseId: string, text: string) => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const listener = (event: StorageEvent) => {
    if (event.key?.startsWith(PREFIX)) onChange(event.key.slice(PREFIX.length), event.newValue ?? '');
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
