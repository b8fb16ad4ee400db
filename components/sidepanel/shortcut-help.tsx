import { useEffect, useRef } from 'react';
import { SHORTCUT_HELP } from '@/lib/ui/panel-shortcuts';

/** The panel's keyboard shortcuts, as a small dialog that takes focus and gives it back on close. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcut-help-title"
      className="absolute inset-x-2 top-2 z-20 rounded-md border border-slate-300 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="flex items-center">
        <h2 id="shortcut-help-title" className="flex-1 font-semibold">
          Keyboard shortcuts
        </h2>
        <button
          ref={closeButton}
          type="button"
          className="rounded px-1.5 py-0.5 text-xs hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:hover:bg-slate-800"
          onClick={onClose}
        >
          Close
        </button>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {SHORTCUT_HELP.map((s) => (
          <div key={s.keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-600">{s.keys}</kbd>
            </dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
