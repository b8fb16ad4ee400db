import { useState } from 'react';
import type { ConnectionTestResult, ProviderView } from '@/lib/messaging/protocol';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';

export function ProviderRow({ provider, onEdit, onChanged }: { provider: ProviderView; onEdit: () => void; onChanged: () => void }) {
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

  return (
    <li className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="provider-row">
      <div className="flex items-center gap-2">
        <div className="flex-1">
          <p className="font-medium">{provider.label}</p>
          <p className="text-xs text-slate-500">
            {provider.model} · {provider.baseUrl} · {provider.hasKey ? `key ${provider.keyHint}` : 'no key'}
          </p>
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
