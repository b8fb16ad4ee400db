import { browser } from 'wxt/browser';
import { sendCommand } from '@/lib/messaging/client';
import { useRecentCases } from '@/lib/ui/queries';
import { usePanelWindow, windowField } from '@/lib/ui/use-panel-window';

/** Brand, case switcher and links. Switching cases keeps each case's draft. */
export function PanelHeader({ activeCaseId, onNewCase }: { activeCaseId: string | null; onNewCase: () => void }) {
  const cases = useRecentCases(30) ?? [];
  const windowId = usePanelWindow();
  return (
    <header className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-2 py-1.5 dark:border-slate-800 dark:bg-slate-900">
      <span className="font-semibold text-sky-800 dark:text-sky-400">FaultMaven</span>
      <select
        aria-label="Switch case"
        className="min-w-0 flex-1 truncate rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-950"
        value={activeCaseId ?? ''}
        onChange={(e) => void sendCommand('case/set-active', { caseId: e.target.value || null, ...windowField(windowId) })}
      >
        <option value="">{cases.length ? 'Select a case…' : 'No cases yet'}</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.status === 'open' ? '● ' : '○ '}
            {c.title}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-keyshortcuts="Alt+N"
        title="New case (Alt+N)"
        className="rounded px-1.5 py-0.5 text-sm hover:bg-slate-200 dark:hover:bg-slate-800"
        onClick={onNewCase}
      >
        New case
      </button>
      <button
        type="button"
        aria-label="Open case history"
        title="Case history"
        className="rounded px-1.5 py-0.5 text-sm hover:bg-slate-200 dark:hover:bg-slate-800"
        onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') })}
      >
        History
      </button>
      <button
        type="button"
        aria-label="Open settings"
        title="Settings"
        className="rounded px-1.5 py-0.5 text-sm hover:bg-slate-200 dark:hover:bg-slate-800"
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        ⚙
      </button>
    </header>
  );
}
