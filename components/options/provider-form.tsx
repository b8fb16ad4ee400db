import { useId, useState, type FormEvent } from 'react';
import type { ProviderKind } from '@/lib/db/records';
import type { ProviderView } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { kindInfo, PROVIDER_KIND_LIST } from '@/lib/llm/provider-kinds';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';

export function ProviderForm({ existing, onDone }: { existing?: ProviderView; onDone: () => void }) {
  const ids = { kind: useId(), name: useId(), url: useId(), model: useId(), key: useId(), keyHelp: useId() };
  const [kind, setKind] = useState<ProviderKind>(existing?.kind ?? 'openai');
  const [label, setLabel] = useState(existing?.label ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? kindInfo('openai').defaultBaseUrl);
  const [model, setModel] = useState(existing?.model ?? kindInfo('openai').exampleModel);
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const info = kindInfo(kind);

  // Switching kind replaces the preset values, but never what the user typed themselves.
  function changeKind(next: ProviderKind) {
    const previous = kindInfo(kind);
    const target = kindInfo(next);
    if (!baseUrl || baseUrl === previous.defaultBaseUrl) setBaseUrl(target.defaultBaseUrl);
    if (!model || model === previous.exampleModel) setModel(target.exampleModel);
    if (label === previous.label) setLabel(target.label);
    setKind(next);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await sendCommand('providers/save', { id: existing?.id, kind, label, baseUrl, model, apiKey });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-label="Provider">
      <div className="text-sm">
        <label htmlFor={ids.kind} className="block">
          Provider kind
        </label>
        <select id={ids.kind} className={inputClass} value={kind} onChange={(e) => changeKind(e.target.value as ProviderKind)}>
          {PROVIDER_KIND_LIST.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="text-sm">
        <label htmlFor={ids.name} className="block">
          Name
        </label>
        <input id={ids.name} className={inputClass} value={label} onChange={(e) => setLabel(e.target.value)} placeholder={info.label} />
      </div>
      <div className="text-sm">
        <label htmlFor={ids.url} className="block">
          Base URL
        </label>
        <input
          id={ids.url}
          className={inputClass}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder={info.defaultBaseUrl || 'http://localhost:8080/v1'}
        />
      </div>
      <div className="text-sm">
        <label htmlFor={ids.model} className="block">
          Model
        </label>
        <input
          id={ids.model}
          className={inputClass}
          value={model}
          onChange={(e) => setModel(e.target.value)}
          placeholder={info.exampleModel || 'model name'}
        />
      </div>
      <div className="text-sm">
        <label htmlFor={ids.key} className="block">
          API key {existing?.hasKey && <span className="text-slate-500">(stored: {existing.keyHint}; leave empty to keep)</span>}
        </label>
        <input
          id={ids.key}
          className={inputClass}
          type="password"
          autoComplete="off"
          aria-describedby={ids.keyHelp}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          placeholder={existing?.hasKey ? '••••••••' : info.keyRequired ? 'Paste the key' : 'Leave empty if the server needs none'}
        />
        <p id={ids.keyHelp} className="mt-0.5 text-xs text-slate-500">
          {info.keyHelp}
        </p>
      </div>
      <ErrorNote message={error} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Save provider
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
