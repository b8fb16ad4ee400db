import { useState, type FormEvent } from 'react';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '@/engines/severity';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { usePanelWindow, windowField } from '@/lib/ui/use-panel-window';

export function NewCaseForm({ onCreated, onCancel }: { onCreated?: () => void; onCancel?: () => void }) {
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('sev2');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const windowId = usePanelWindow();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Active in this window only: another window's panel keeps its own incident.
      await sendCommand('case/create', { title, severity, ...windowField(windowId) });
      setTitle('');
      onCreated?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2" aria-label="New case">
      <label className="block text-sm font-medium" htmlFor="case-title">
        What is happening?
      </label>
      <input
        id="case-title"
        autoFocus
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder="checkout p99 latency 4x since 14:05"
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <div className="flex items-center gap-2">
        <label className="text-sm" htmlFor="case-severity">
          Severity
        </label>
        <select
          id="case-severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value as Severity)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]}
            </option>
          ))}
        </select>
        <div className="flex-1" />
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" variant="primary" disabled={busy || !title.trim()}>
          Start case
        </Button>
      </div>
      <ErrorNote message={error} />
    </form>
  );
}
