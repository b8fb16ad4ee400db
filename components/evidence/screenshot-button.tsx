import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendCommand } from '@/lib/messaging/client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

/**
 * Screenshot of the visible tab. Chrome only lets a side panel call `captureVisibleTab` with
 * `<all_urls>` (a panel click grants no activeTab), so that optional permission is asked for
 * on the first screenshot, from the click itself as Firefox requires.
 */
export function ScreenshotButton({ caseId }: { caseId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function capture() {
    setError(null);
    const allowed = browser.permissions.request({ origins: ['<all_urls>'] }).catch(() => false);
    setBusy(true);
    void allowed
      .then(async (ok) => {
        if (!ok) throw new Error('Screenshot permission was not granted, so nothing was captured.');
        const win = await browser.windows.getLastFocused({ windowTypes: ['normal'] }).catch(() => undefined);
        return sendCommand('evidence/capture-screenshot', { caseId, ...(win?.id !== undefined ? { windowId: win.id } : {}) });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  }

  return (
    <div className="mb-3 space-y-1">
      <Button variant="ghost" onClick={capture} disabled={busy}>
        {busy ? 'Taking screenshot…' : 'Screenshot visible tab'}
      </Button>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
    </div>
  );
}
