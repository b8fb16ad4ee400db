import { useCallback, useEffect, useState } from 'react';
import type { ProviderView } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { ProviderForm } from './provider-form';
import { ProviderRow } from './provider-row';

export function OptionsApp() {
  const [providers, setProviders] = useState<ProviderView[] | null>(null);
  const [editing, setEditing] = useState<ProviderView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    sendCommand('providers/list', {}).then(setProviders, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(reload, [reload]);

  return (
    <div className="mx-auto max-w-2xl space-y-6 p-6">
      <header>
        <h1 className="text-xl font-semibold">FaultMaven settings</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Keys are stored only in this browser’s extension storage and used only by the extension’s background service.
        </p>
      </header>
      <section aria-labelledby="providers-heading" className="space-y-3">
        <div className="flex items-center">
          <h2 id="providers-heading" className="flex-1 text-base font-semibold">
            Model providers
          </h2>
          {editing === null && (
            <Button variant="primary" onClick={() => setEditing('new')}>
              Add provider
            </Button>
          )}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          FaultMaven uses the first provider in this list. Any OpenAI-compatible endpoint works, including a local Ollama or vLLM.
        </p>
        <ErrorNote message={error} />
        {editing !== null && (
          <ProviderForm
            existing={editing === 'new' ? undefined : editing}
            onDone={() => {
              setEditing(null);
              reload();
            }}
          />
        )}
        {providers && providers.length === 0 && editing === null && (
          <p className="text-sm text-slate-500">No provider yet. Without one, evidence capture still works; chat needs a model.</p>
        )}
        <ul className="space-y-2">
          {providers?.map((p) => (
            <ProviderRow key={p.id} provider={p} onEdit={() => setEditing(p)} onChanged={reload} />
          ))}
        </ul>
      </section>
    </div>
  );
}
