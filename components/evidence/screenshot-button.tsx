import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendCommand } from '@/lib/messaging/client';
import { useTargetTab } from '@/lib/ui/use-target-tab';
import { afterScreenshotPermission, SCREENSHOT_ORIGINS } from '@/lib/background/capture-screenshot-permission';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

/**
 * Screenshot of the visible tab. Chrome only lets a side panel call `captureVisibleTab` with
 * `<all_urls>` (a panel click grants no activeTab), so that optional permission is asked for
 * on the first screenshot, from the click itself as Firefox requires.
 */
export function ScreenshotButton({ caseId }: { caseId: string }) {
  const target = useTargetTab();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function capture() {
    setError(null);
    // Before any await: Firefox only grants from the click's own call stack.
    const asked = browser.permissions.request({ origins: SCREENSHOT_ORIGINS }).then(
      (granted) => afterScreenshotPermission({ granted }),
      (e: unknown) => afterScreenshotPermission({ error: e instanceof Error ? e.message : String(e) }),
    );
    setBusy(true);
    void asked
      .then(async (step) => {
        if (step.action === 'stop') throw new Error(step.message);
        // The window of the page "Capture page" would read (the panel may be a tab of its own).
        const tab = target ? await browser.tabs.get(target.id).catch(() => undefined) : undefined;
        const win = tab ? { id: tab.windowId } : await browser.windows.getLastFocused({ windowTypes: ['normal'] }).catch(() => undefined);
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
