import { useId, useState, type FormEvent } from 'react';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';

/** Asks for the passphrase that unlocks the stored API keys for this browser session. */
export function UnlockForm({ submitLabel = 'Unlock', onUnlocked }: { submitLabel?: string; onUnlocked: () => void }) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendCommand('vault/unlock', { passphrase });
      setPassphrase('');
      onUnlocked();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Unlock the stored keys">
      <label htmlFor={id} className="block text-sm">
        Passphrase
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          className={inputClass}
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <Button type="submit" variant="primary" disabled={busy || !passphrase}>
          {busy ? 'Unlocking…' : submitLabel}
        </Button>
      </div>
      <ErrorNote message={error} />
    </form>
  );
}
