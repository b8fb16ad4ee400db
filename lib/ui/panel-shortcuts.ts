/*
 * Keyboard shortcuts inside the side panel. Kept to combinations browsers leave to pages
 * (Ctrl/Cmd+K, Alt+digit, Escape, "?"), matched on `code` for the digits so that Alt+1 works
 * on macOS, where Option+1 types "¡".
 */

export type PanelShortcut = 'focus-composer' | 'tab-chat' | 'tab-investigation' | 'tab-evidence' | 'stop-answer' | 'show-help' | 'new-case';

export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** The user is typing in a field: plain-key shortcuts ("?") must not steal the key. */
  inTextField: boolean;
}

export const SHORTCUT_HELP: readonly { keys: string; action: string; aria: string }[] = [
  { keys: 'Ctrl/⌘ + K', action: 'Focus the message box', aria: 'Control+K Meta+K' },
  { keys: 'Alt + 1 / 2 / 3', action: 'Chat / Investigation / Evidence tab', aria: 'Alt+1 Alt+2 Alt+3' },
  { keys: 'Alt + N', action: 'New case', aria: 'Alt+N' },
  { keys: 'Esc', action: 'Stop the answer being written', aria: 'Escape' },
  { keys: 'Enter / Shift + Enter', action: 'Send / new line (in the message box)', aria: 'Enter' },
  { keys: '?', action: 'Show or hide these shortcuts', aria: 'Shift+?' },
];

export function matchShortcut(press: KeyPress): PanelShortcut | null {
  const mod = press.ctrlKey || press.metaKey;
  if (mod && !press.altKey && !press.shiftKey && press.key.toLowerCase() === 'k') return 'focus-composer';
  if (press.altKey && !mod && !press.shiftKey) {
    const digit = press.code?.startsWith('Digit') ? press.code.slice(5) : press.key;
    if (digit === '1') return 'tab-chat';
    if (digit === '2') return 'tab-investigation';
    if (digit === '3') return 'tab-evidence';
    if (press.code === 'KeyN' || press.key.toLowerCase() === 'n') return 'new-case';
  }
  if (press.key === 'Escape' && !mod && !press.altKey) return 'stop-answer';
  if (press.key === '?' && !mod && !press.altKey && !press.inTextField) return 'show-help';
  return null;
}

/** Whether keys typed now go into a field (input, textarea, select, contenteditable). */
export function isTextField(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
