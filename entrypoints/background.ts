import { db } from '@/lib/db';
import { registerCommandRouter } from '@/lib/messaging/router';
import { createCommandHandlers } from '@/lib/background/command-handlers';
import { serveTurnPorts } from '@/lib/background/turn-port';
import { createContextMenu, handleContextClick, listenForContextClicks } from '@/lib/background/context-menu';
import { openPanelOnToolbarClick } from '@/lib/background/panel-behavior';
import { startTeamSync } from '@/lib/background/sync-service';
import { TurnRunner } from '@/lib/turns/turn-runner';
import { markOrphanedTurnsInterrupted } from '@/lib/turns/turn-store';
import { resolveChain } from '@/lib/llm/resolve-chain';
import { createLlmServices } from '@/lib/llm/llm-services';
import { extensionRankLoader } from '@/lib/llm/tokens/extension-rank-loader';
import { browserSessionKeyStore } from '@/lib/background/session-key-store';
import { KnowledgeBaseService } from '@/lib/kb/knowledge-base-service';
import { extensionKbArtifacts } from '@/lib/kb/extension-artifacts';
import { formatKnowledge } from '@/lib/kb/format-knowledge';
import { searchEachLine } from '@/lib/turns/knowledge-query';
import { extensionTransformerLoader } from '@/lib/kb/extension-transformer';
import { startCaseKnowledge } from '@/lib/background/case-knowledge-wiring';
import { forgetWindow } from '@/lib/cases/window-active-case';

// Wiring only: every listener is registered synchronously at startup, as MV3 requires for
// events that wake a stopped worker.
export default defineBackground(() => {
  const startedAt = Date.now();
  // Provider health (breakers, Retry-After), the key vault and tokenizers live as long as the worker.
  const llm = createLlmServices(db, {
    session: browserSessionKeyStore(),
    rankLoader: extensionRankLoader((path) => browser.runtime.getURL(path as '/')),
  });
  const kb = new KnowledgeBaseService(db, extensionKbArtifacts(), { loadTransformer: extensionTransformerLoader() });
  const runner = new TurnRunner(db, () => resolveChain(db, llm), llm.tokens, async (query) =>
    // Runbooks and post-mortems; the case tier is this case's own evidence, already in the prompt.
    formatKnowledge(await searchEachLine((line) => kb.search(line, { k: 4, filter: { tiers: ['global', 'user'] } }), query)),
  );
  // A fresh worker has no live turns: anything left "streaming" died with the previous one.
  const recovery = markOrphanedTurnsInterrupted(db, runner.liveIds()).catch((error: unknown) => {
    console.error('FaultMaven: turn recovery failed', error);
  });
  const ready = () => recovery.then(() => undefined);

  registerCommandRouter(createCommandHandlers(db, startedAt, llm, kb), ready);
  serveTurnPorts(runner, ready);
  listenForContextClicks(db, ready);
  startTeamSync(db, ready);
  // Case tier: evidence indexed as it arrives, dropped with its case; swept at start and on an alarm.
  startCaseKnowledge(db, kb, ready);
  openPanelOnToolbarClick();
  // A closed window's own active case is forgotten (see lib/cases/window-active-case.ts).
  browser.windows.onRemoved.addListener((windowId) => void forgetWindow(db, windowId).catch(() => undefined));
  browser.runtime.onInstalled.addListener(() => createContextMenu());
  browser.runtime.onStartup.addListener(() => createContextMenu());

  if (import.meta.env.MODE === 'e2e') {
    // Test hook for the e2e suites only (dead code in production builds): native context
    // menus cannot be clicked headless, so tests call the same handler the menu calls.
    Object.assign(globalThis, { __fmTest: { db, startedAt, handleContextClick: (info: object, tab: object) => handleContextClick(db, { menuItemId: 'fm-add-evidence', ...info }, tab) } });
  }
});
