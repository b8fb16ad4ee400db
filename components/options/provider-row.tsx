import { useState } from 'react';
import type { ConnectionTestResult, ProviderView } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { kindInfo } from '@/lib/llm/provider-kinds';
import { Button } from '@/components/ui/button';

export interface ProviderRowProps {
  provider: ProviderView;
  /** 1-based place in the fallback chain. */
  position: number;
  isFirst: boolean;
  isLast: boolean;
  onMove: (direction: -1 | 1) => void;
  onEdit: () => void;
  onChanged: () => void;
}

export function ProviderRow({ provider, position, isFirst, isLast, onMove, onEdit, onChanged }: ProviderRowProps) {
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [testing, setTesting] = useState(false);

  async function test() {
    setTesting(true);
    setResult(null);
    try {
      setResult(await sendCommand('providers/test', { id: provider.id }));
    } catch (e) {
      setResult({ ok: false, latencyMs: 0, model: provider.model, error: e instanceof Error ? e.message : String(e) });
    } finally {
      setTesting(false);
    }
  }

  const key = provider.hasKey ? `key ${provider.keyHint}${provider.encrypted ? ' (encrypted)' : ''}` : 'no key';
  return (
    <li className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="provider-row" data-kind={provider.kind}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-5 text-sm font-semibold text-slate-500" aria-label={`Position ${position}`}>
          {position}.
        </span>
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            {provider.label} <span className="text-xs font-normal text-slate-500">{kindInfo(provider.kind).label}</span>
          </p>
          <p className="truncate text-xs text-slate-500">
            {provider.model} · {provider.baseUrl} · {key}
          </p>
        </div>
        <div className="flex gap-1" role="group" aria-label={`Order of ${provider.label}`}>
          <Button variant="ghost" disabled={isFirst} onClick={() => onMove(-1)} aria-label={`Move ${provider.label} up`} title="Try earlier">
            ↑
          </Button>
          <Button variant="ghost" disabled={isLast} onClick={() => onMove(1)} aria-label={`Move ${provider.label} down`} title="Try later">
            ↓
          </Button>
        </div>
        <Button onClick={() => void test()} disabled={testing}>
          {testing ? 'Testing…' : 'Test connection'}
        </Button>
        <Button variant="ghost" onClick={onEdit}>
          Edit
        </Button>
        <Button
          variant="ghost"
          onClick={() => void sendCommand('providers/delete', { id: provider.id }).then(onChanged)}
          aria-label={`Delete provider ${provider.label}`}
        >
          Delete
        </Button>
      </div>
      {result && (
        <p
          role="status"
          data-testid="connection-result"
          className={`mt-2 text-sm ${result.ok ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400'}`}
        >
          {result.ok ? `Connected in ${result.latencyMs} ms · ${result.model} replied “${result.reply ?? ''}”` : `Failed: ${result.error}`}
        </p>
      )}
    </li>
  );
}
