import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { DEFAULT_TRANSFORMER_MODEL, type EmbedderChoice, type KbEmbedderStatus, type TransformerModelSettings } from '@/lib/kb/embedder-settings';
import type { KbClient } from './knowledge-base-section';

/** How often the dashboard asks for progress while a model downloads or the index is rebuilt. */
const POLL_MS = 400;

/**
 * "Embedding model": the built-in word vectors (offline, instant) or a transformer model fetched
 * once from a configurable host and cached. Shows a progress bar while the model downloads and
 * while every tier is re-embedded; a failure is explained and the previous model keeps working.
 */
export function KbEmbedderSettings({ client, onSwitched }: { client: KbClient; onSwitched: () => void }) {
  const [status, setStatus] = useState<KbEmbedderStatus | null>(null);
  const [model, setModel] = useState<TransformerModelSettings>(DEFAULT_TRANSFORMER_MODEL);
  const [requestError, setRequestError] = useState<string | null>(null);
  const busy = status?.job != null;

  useEffect(() => {
    let live = true;
    client('kb/embedder-status', {}).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        if (s.choice.kind === 'transformer') setModel(s.choice.model);
      },
      (e: unknown) => live && setRequestError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [client]);

  // While a job runs, poll; when it ends, tell the section so it re-reads the index size.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      client('kb/embedder-status', {}).then(
        (s) => {
          setStatus(s);
          if (!s.job) onSwitched();
        },
        (e: unknown) => setRequestError(message(e)),
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [busy, client, onSwitched]);

  const choose = async (choice: EmbedderChoice) => {
    setRequestError(null);
    try {
      setStatus(await client('kb/set-embedder', choice));
    } catch (e) {
      setRequestError(message(e));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void choose({ kind: 'transformer', model });
  };

  const usingTransformer = status?.activeEmbedderId.startsWith('transformer:') ?? false;
  const error = requestError ?? status?.error ?? null;

  return (
    <section aria-label="Embedding model" className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <h3 className="font-semibold">Embedding model</h3>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        In use: <span data-testid="active-embedder">{status ? describe(status.activeEmbedderId) : '…'}</span>
      </p>
      <form onSubmit={submit} className="grid gap-2 sm:grid-cols-[1fr_1fr_auto]">
        <label className="block text-sm">
          Model host
          <input
            value={model.hostUrl}
            onChange={(e) => setModel({ ...model, hostUrl: e.target.value })}
            disabled={busy}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <label className="block text-sm">
          Model
          <input
            value={model.modelId}
            onChange={(e) => setModel({ ...model, modelId: e.target.value })}
            disabled={busy}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <label className="block text-sm">
          Precision
          <select
            value={model.dtype}
            onChange={(e) => setModel({ ...model, dtype: e.target.value === 'fp32' ? 'fp32' : 'q8' })}
            disabled={busy}
            className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="q8">8-bit (smaller, faster)</option>
            <option value="fp32">32-bit</option>
          </select>
        </label>
        <div className="flex flex-wrap gap-2 sm:col-span-3">
          <Button type="submit" variant="primary" disabled={busy}>
            Download and use this model
          </Button>
          {usingTransformer && (
            <Button disabled={busy} onClick={() => void choose({ kind: 'static' })}>
              Use the built-in embedder
            </Button>
          )}
        </div>
      </form>
      <p className="text-xs text-slate-500">
        The model is downloaded once, cached in the browser, and runs locally; switching re-embeds the shipped runbooks, your documents and case evidence.
      </p>
      {status?.job && (
        <div role="status" className="space-y-1">
          <progress aria-label="Embedding model progress" max={1} value={status.job.progress} className="h-2 w-full" />
          <p className="text-sm text-sky-800 dark:text-sky-300">
            {status.job.phase === 'downloading' ? 'Downloading model' : 'Re-indexing'}: {status.job.detail} ({Math.round(status.job.progress * 100)}%)
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}

function describe(embedderId: string): string {
  if (embedderId.startsWith('transformer:')) return `${embedderId.slice('transformer:'.length)} (transformer)`;
  return 'built-in word vectors (offline)';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
