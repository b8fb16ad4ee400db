import { useState, type FormEvent } from 'react';
import type { ProviderView } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

const PRESETS = [
  { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  { label: 'Ollama (local)', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
  { label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', model: 'llama-3.3-70b-versatile' },
  { label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4o-mini' },
];

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';

export function ProviderForm({ existing, onDone }: { existing?: ProviderView; onDone: () => void }) {
  const [label, setLabel] = useState(existing?.label ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? '');
  const [model, setModel] = useState(existing?.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await sendCommand('providers/save', { id: existing?.id, label, baseUrl, model, apiKey });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-label="Provider">
      {!existing && (
        <div className="flex flex-wrap gap-1">
          {PRESETS.map((p) => (
            <Button
              key={p.label}
              variant="ghost"
              onClick={() => {
                setLabel(p.label);
                setBaseUrl(p.baseUrl);
                setModel(p.model);
              }}
            >
              {p.label}
            </Button>
          ))}
        </div>
      )}
      <label className="block text-sm">
        Name
        <input className={inputClass} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="OpenAI" />
      </label>
      <label className="block text-sm">
        Base URL (OpenAI-compatible)
        <input className={inputClass} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://api.openai.com/v1" />
      </label>
      <label className="block text-sm">
        Model
        <input className={inputClass} value={model} onChange={(e) => setModel(e.target.value)} placeholder="gpt-4o-mini" />
      </label>
      <label className="block text-sm">
        API key {existing?.hasKey && <span className="text-slate-500">(stored: {existing.keyHint}; leave empty to keep)</span>}
        <input
          className={inputClass}
          type="password"
          autoComplete="off"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          placeholder={existing?.hasKey ? '••••••••' : 'sk-… (leave empty for local servers)'}
        />
      </label>
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
