import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { VaultStatus } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { UnlockForm } from './unlock-form';

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';

/** Optional passphrase encryption of the stored API keys: turn on, unlock, lock, turn off. */
export function VaultSection({ onChanged }: { onChanged: () => void }) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    sendCommand('vault/status', {}).then(setStatus, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(reload, [reload]);

  const changed = (next: VaultStatus) => {
    setStatus(next);
    setError(null);
    onChanged();
  };

  return (
    <section aria-labelledby="vault-heading" className="space-y-3" data-testid="vault-section">
      <h2 id="vault-heading" className="text-base font-semibold">
        Passphrase protection
      </h2>
      <ErrorNote message={error} />
      {status && !status.enabled && (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Optional: encrypt the stored keys with a passphrase (PBKDF2 + AES-GCM). You enter it once per browser session.
            If you forget it, delete the providers and add the keys again.
          </p>
          <EnableForm onEnabled={changed} />
        </>
      )}
      {status?.enabled && status.unlocked && (
        <div className="space-y-2 text-sm">
          <p data-testid="vault-state">Keys are encrypted and unlocked for this browser session.</p>
          <div className="flex gap-2">
            <Button onClick={() => void sendCommand('vault/lock', {}).then(changed, (e: unknown) => setError(String(e)))}>Lock now</Button>
          </div>
          <DisableForm onDisabled={changed} />
        </div>
      )}
      {status?.enabled && !status.unlocked && (
        <div className="space-y-2 text-sm">
          <p data-testid="vault-state">Keys are encrypted and locked. Chat needs them unlocked.</p>
          <UnlockForm onUnlocked={reload} />
        </div>
      )}
    </section>
  );
}

function EnableForm({ onEnabled }: { onEnabled: (status: VaultStatus) => void }) {
  const ids = { pass: useId(), repeat: useId() };
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase !== repeat) return setError('The two passphrases differ');
    try {
      onEnabled(await sendCommand('vault/enable', { passphrase }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2 text-sm" aria-label="Encrypt the stored keys">
      <label htmlFor={ids.pass} className="block">
        New passphrase
      </label>
      <input id={ids.pass} className={inputClass} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <label htmlFor={ids.repeat} className="block">
        Repeat passphrase
      </label>
      <input id={ids.repeat} className={inputClass} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      <ErrorNote message={error} />
      <Button type="submit" disabled={!passphrase}>
        Encrypt keys
      </Button>
    </form>
  );
}

function DisableForm({ onDisabled }: { onDisabled: (status: VaultStatus) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Turn off encryption…
      </Button>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onDisabled(await sendCommand('vault/disable', { passphrase }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Turn off passphrase protection">
      <label htmlFor={id} className="block">
        Passphrase (the keys are stored unencrypted again)
      </label>
      <input id={id} className={inputClass} type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <ErrorNote message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={!passphrase}>
          Turn off encryption
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
