import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { SyncConnectRequest, SyncView } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { LARGE_TEXT_CHARS } from '@/lib/sync/evidence-content';

const inputClass = 'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';
/** How often the open page refreshes the status the background service keeps. */
const STATUS_POLL_MS = 2000;

function timeAgo(at: number | null): string {
  if (at === null) return 'never';
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return new Date(at).toLocaleString();
}

function statusLine(view: SyncView): string {
  const { status } = view;
  if (!view.signedIn) return 'Not connected';
  if (!view.enabled) return 'Paused: nothing is sent or received';
  switch (status.state) {
    case 'syncing':
      return 'Syncing…';
    case 'error':
      return `Sync failed ${status.failures} time(s); retrying${status.nextAttemptAt ? ` in ${Math.max(1, Math.round((status.nextAttemptAt - Date.now()) / 1000))} s` : ''}`;
    case 'signed-out':
      return 'Signed out by the server: sign in again';
    default:
      return `Up to date (last sync ${timeAgo(status.lastSuccessAt)})`;
  }
}

function ConnectForm({ initialUrl, onConnected }: { initialUrl: string; onConnected: (view: SyncView) => void }) {
  const ids = { url: useId(), email: useId(), password: useId(), mode: useId(), invite: useId(), name: useId(), team: useId() };
  const [form, setForm] = useState<SyncConnectRequest>({ serverUrl: initialUrl, email: '', password: '', mode: 'login' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<SyncConnectRequest>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onConnected(await sendCommand('sync/connect', form));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800" aria-label="Connect to a sync server">
      <label htmlFor={ids.url} className="block text-sm">
        Server URL
      </label>
      <input id={ids.url} className={inputClass} required value={form.serverUrl} onChange={(e) => set({ serverUrl: e.target.value })} placeholder="http://127.0.0.1:8790" />
      <label htmlFor={ids.mode} className="block text-sm">
        Account
      </label>
      <select id={ids.mode} className={inputClass} value={form.mode} onChange={(e) => set({ mode: e.target.value as SyncConnectRequest['mode'] })}>
        <option value="login">Sign in</option>
        <option value="signup">Join a team with an invite</option>
        <option value="create-team">Create the team (new server)</option>
      </select>
      {form.mode === 'signup' && (
        <>
          <label htmlFor={ids.invite} className="block text-sm">
            Invite code
          </label>
          <input id={ids.invite} className={inputClass} required value={form.inviteCode ?? ''} onChange={(e) => set({ inviteCode: e.target.value })} />
        </>
      )}
      {form.mode === 'create-team' && (
        <>
          <label htmlFor={ids.team} className="block text-sm">
            Team name
          </label>
          <input id={ids.team} className={inputClass} required value={form.teamName ?? ''} onChange={(e) => set({ teamName: e.target.value })} />
        </>
      )}
      {form.mode !== 'login' && (
        <>
          <label htmlFor={ids.name} className="block text-sm">
            Your name
          </label>
          <input id={ids.name} className={inputClass} required value={form.displayName ?? ''} onChange={(e) => set({ displayName: e.target.value })} />
        </>
      )}
      <label htmlFor={ids.email} className="block text-sm">
        Email
      </label>
      <input id={ids.email} type="email" autoComplete="username" className={inputClass} required value={form.email} onChange={(e) => set({ email: e.target.value })} />
      <label htmlFor={ids.password} className="block text-sm">
        Password
      </label>
      <input
        id={ids.password}
        type="password"
        autoComplete={form.mode === 'login' ? 'current-password' : 'new-password'}
        className={inputClass}
        required
        value={form.password}
        onChange={(e) => set({ password: e.target.value })}
      />
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Connecting…' : 'Connect'}
      </Button>
    </form>
  );
}

/**
 * Options → Team sync: connect the extension to a team's FaultMaven server, see whether sync
 * is working, pause it, or disconnect. Passwords go to the background service once and are
 * never stored; disconnecting keeps every local case and runbook.
 */
export function TeamSyncSection() {
  const [view, setView] = useState<SyncView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const refresh = useCallback(() => {
    sendCommand('sync/status', {}).then(setView, fail);
  }, []);
  // Poll only while sync is on: an idle page must not keep the background awake for nothing.
  const polling = view?.enabled === true;
  useEffect(() => {
    refresh();
    if (!polling) return;
    const timer = setInterval(refresh, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, polling]);

  async function act(run: () => Promise<SyncView>) {
    setBusy(true);
    setError(null);
    try {
      setView(await run());
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const report = view?.status.lastReport;
  return (
    <section aria-labelledby="team-sync-heading" className="space-y-3">
      <h2 id="team-sync-heading" className="text-base font-semibold">
        Team sync
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Share cases and runbooks with your team through a FaultMaven server (<code>npm run server</code>). Optional: without it,
        everything stays in this browser. Turning sync off keeps all local data.
      </p>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      {view && !view.signedIn && <ConnectForm initialUrl={view.serverUrl ?? ''} onConnected={setView} />}
      {view?.signedIn && (
        <div className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
          <p>
            Connected to <strong>{view.serverUrl}</strong> as {view.user?.displayName} ({view.user?.email}), team <strong>{view.team?.name}</strong>
          </p>
          <p role="status" aria-label="Sync status">
            {statusLine(view)}
          </p>
          {report && view.status.state === 'idle' && (
            <p className="text-slate-600 dark:text-slate-400">
              Last pass: {report.pushed} sent, {report.pulled} received{report.conflicts > 0 ? `, ${report.conflicts} concurrent edit(s) settled by the server` : ''}.
            </p>
          )}
          {view.status.lastError && (
            <p className="text-red-800 dark:text-red-300" aria-label="Last sync error">
              Last error: {view.status.lastError}
            </p>
          )}
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={view.evidenceContent}
              disabled={busy}
              onChange={(e) => {
                const enabled = e.target.checked;
                void act(() => sendCommand('sync/set-evidence-content', { enabled }));
              }}
            />
            <span>
              Also share evidence content: screenshots and long text (over {Math.round(LARGE_TEXT_CHARS / 1000)}k characters) are uploaded to the server,
              up to its size limit per item. Off: teammates see the evidence's title and text, not screenshots.
            </span>
          </label>
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={busy || !view.enabled} onClick={() => act(() => sendCommand('sync/now', {}))}>
              Sync now
            </Button>
            <Button disabled={busy} onClick={() => act(() => sendCommand('sync/set-enabled', { enabled: !view.enabled }))}>
              {view.enabled ? 'Pause sync' : 'Resume sync'}
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => act(() => sendCommand('sync/disconnect', {}))}>
              Disconnect
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
