import { db } from '@/lib/db';
import { registerCommandRouter } from '@/lib/messaging/router';
import { createCommandHandlers } from '@/lib/background/command-handlers';
import { serveTurnPorts } from '@/lib/background/turn-port';
import { createContextMenu, handleContextClick, listenForContextClicks } from '@/lib/background/context-menu';
import { openPanelOnToolbarClick } from '@/lib/background/panel-behavior';
import { TurnRunner } from '@/lib/turns/turn-runner';
import { markOrphanedTurnsInterrupted } from '@/lib/turns/turn-store';
import { resolvePrimaryModel } from '@/lib/llm/resolve-model';

// Wiring only: every listener is registered synchronously at startup, as MV3 requires for
// events that wake a stopped worker.
export default defineBackground(() => {
  const startedAt = Date.now();
  const runner = new TurnRunner(db, () => resolvePrimaryModel(db));
  // A fresh worker has no live turns: anything left "streaming" died with the previous one.
  const recovery = markOrphanedTurnsInterrupted(db, runner.liveIds()).catch((error: unknown) => {
    console.error('FaultMaven: turn recovery failed', error);
  });
  const ready = () => recovery.then(() => undefined);

  registerCommandRouter(createCommandHandlers(db, startedAt), ready);
  serveTurnPorts(runner, ready);
  listenForContextClicks(db, ready);
  openPanelOnToolbarClick();
  browser.runtime.onInstalled.addListener(() => createContextMenu());
  browser.runtime.onStartup.addListener(() => createContextMenu());

  if (import.meta.env.MODE === 'e2e') {
    // Test hook for the e2e suites only (dead code in production builds): native context
    // menus cannot be clicked headless, so tests call the same handler the menu calls.
    Object.assign(globalThis, { __fmTest: { db, startedAt, handleContextClick: (info: object, tab: object) => handleContextClick(db, { menuItemId: 'fm-add-evidence', ...info }, tab) } });
  }
});
