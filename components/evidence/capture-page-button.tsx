import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendCommand } from '@/lib/messaging/client';
import { originPattern } from '@/lib/evidence/capturable-url';
import { useTargetTab } from '@/lib/ui/use-target-tab';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

/** Captures the page beside the panel, asking for access to that site the first time. */
export function CapturePageButton({ caseId }: { caseId: string }) {
  const target = useTargetTab();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function capture() {
    if (!target) return;
    setError(null);
    // Firefox only grants permissions from the click's own call stack: ask before any await.
    const allowed = target.granted ? Promise.resolve(true) : browser.permissions.request({ origins: [originPattern(target.url)] });
    setBusy(true);
    void allowed
      .then((ok) => {
        if (!ok) throw new Error(`Access to ${new URL(target.url).host} was not granted, so the page was not captured.`);
        return sendCommand('evidence/capture-tab', { caseId, tabId: target.id });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  }

  return (
    <div className="min-w-0 space-y-1">
      <div className="flex min-w-0 items-center gap-2">
        <Button onClick={capture} disabled={!target || busy} title={target ? `Capture ${target.url}` : 'No web page to capture'}>
          {busy ? 'Capturing…' : 'Capture page'}
        </Button>
        {target && <p className="min-w-0 truncate text-[11px] text-slate-500">Will capture: {target.title}</p>}
      </div>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
    </div>
  );
}
