import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProviderView } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { ProviderForm } from './provider-form';
import { ProviderRow } from './provider-row';
import { VaultSection } from './vault-section';
import { TeamSyncSection } from './team-sync-section';

/** The list moved one step: `index` swaps with its neighbour in `direction`. */
export function moved(ids: readonly string[], index: number, direction: -1 | 1): string[] {
  const target = index + direction;
  if (target < 0 || target >= ids.length) return [...ids];
  const next = [...ids];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

export function OptionsApp() {
  const [providers, setProviders] = useState<ProviderView[] | null>(null);
  const [editing, setEditing] = useState<ProviderView | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const reload = useCallback(() => {
    sendCommand('providers/list', {}).then(setProviders, fail);
  }, []);
  useEffect(reload, [reload]);

  function move(index: number, direction: -1 | 1) {
    if (!providers) return;
    const ids = moved(
      providers.map((p) => p.id),
      index,
      direction,
    );
    sendCommand('providers/reorder', { ids }).then((next) => {
      setError(null);
      focusAfterMove.current = { label: providers[index]!.label, direction: direction < 0 ? 'up' : 'down' };
      setProviders(next);
    }, fail);
  }

  // Keep keyboard focus on the moved provider's button once the list has re-rendered. An
  // effect, not requestAnimationFrame: frames do not run while the page is in the background.
  const focusAfterMove = useRef<{ label: string; direction: 'up' | 'down' } | null>(null);
  useEffect(() => {
    const target = focusAfterMove.current;
    if (!target) return;
    focusAfterMove.current = null;
    const label = CSS.escape(target.label);
    const button = document.querySelector<HTMLButtonElement>(`[aria-label="Move ${label} ${target.direction}"]`);
    (button && !button.disabled ? button : document.querySelector<HTMLButtonElement>(`[aria-label^="Move ${label} "]:not([disabled])`))?.focus();
  }, [providers]);

  return (
    <div className="mx-auto max-w-2xl space-y-8 p-6">
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
          FaultMaven asks the first provider; when it is rate limited, failing or unreachable before answering, the next one
          answers instead, and the answer says so. OpenAI, Anthropic, Gemini, Fireworks, OpenRouter, Groq, Hugging Face, a local
          Ollama or vLLM, or any OpenAI-compatible URL.
        </p>
        <ErrorNote message={error} onDismiss={() => setError(null)} />
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
        <ol className="space-y-2" aria-label="Provider fallback order">
          {providers?.map((p, i) => (
            <ProviderRow
              key={p.id}
              provider={p}
              position={i + 1}
              isFirst={i === 0}
              isLast={i === providers.length - 1}
              onMove={(direction) => move(i, direction)}
              onEdit={() => setEditing(p)}
              onChanged={reload}
            />
          ))}
        </ol>
      </section>
      <VaultSection onChanged={reload} />
      <TeamSyncSection />
    </div>
  );
}
