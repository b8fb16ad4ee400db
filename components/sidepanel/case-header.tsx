import { useState } from 'react';
import type { CaseRecord, CaseStatus } from '@/lib/db/records';
import { PHASE_LABELS } from '@/engines/phases';
import { sendCommand } from '@/lib/messaging/client';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

const STATUS_STYLE: Record<CaseStatus, string> = {
  open: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
  resolved: 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200',
  closed: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
};

/**
 * Title, severity, phase and status of the case, and its lifecycle actions: resolve (the fix
 * worked), close (done, or not worth pursuing) and reopen. Both end states keep everything;
 * the dashboard exports a resolved case as a post-mortem.
 */
export function CaseHeader({ kase, onShowShortcuts }: { kase: CaseRecord; onShowShortcuts: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function setStatus(status: CaseStatus) {
    setBusy(true);
    setError(null);
    try {
      await sendCommand('case/update', { caseId: kase.id, patch: { status } });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <SeverityBadge severity={kase.severity} />
        <h1 className="flex-1 truncate text-sm font-semibold" data-testid="case-title" title={kase.title}>
          {kase.title}
        </h1>
        <button
          type="button"
          className="rounded px-1 text-xs text-slate-600 hover:bg-slate-200 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-slate-400 dark:hover:bg-slate-800"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          aria-keyshortcuts="Shift+?"
          onClick={onShowShortcuts}
        >
          ⌨
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1.5 text-[11px]">
        <span className="text-slate-600 dark:text-slate-400" data-testid="case-phase">
          {PHASE_LABELS[kase.phase]} · {kase.status}
        </span>
        <span className={`rounded px-1.5 py-0.5 font-medium ${STATUS_STYLE[kase.status]}`} data-testid="case-status">
          {kase.status === 'open' ? 'Open' : kase.status === 'resolved' ? 'Resolved' : 'Closed'}
        </span>
        <div className="flex-1" />
        {kase.status === 'open' && (
          <Button variant="ghost" className="px-1.5 py-0.5 text-xs" disabled={busy} onClick={() => void setStatus('resolved')}>
            Mark resolved
          </Button>
        )}
        {/* A resolved case is closed once the follow-ups are done: that also drops its case-tier knowledge. */}
        {kase.status !== 'closed' && (
          <Button variant="ghost" className="px-1.5 py-0.5 text-xs" disabled={busy} onClick={() => void setStatus('closed')}>
            Close case
          </Button>
        )}
        {kase.status !== 'open' && (
          <Button variant="ghost" className="px-1.5 py-0.5 text-xs" disabled={busy} onClick={() => void setStatus('open')}>
            Reopen
          </Button>
        )}
      </div>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
    </div>
  );
}
