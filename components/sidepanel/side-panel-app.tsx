import { useEffect, useState } from 'react';
import { useProviderCount, useWindowCase } from '@/lib/ui/queries';
import { watchTurns } from '@/lib/ui/turn-client';
import { useTurnStream } from '@/lib/ui/turn-stream-store';
import { watchDraftChanges } from '@/lib/ui/draft-persistence';
import { currentWindowId, PanelWindowContext, usePanelWindowId } from '@/lib/ui/use-panel-window';
import { PanelHeader } from './panel-header';
import { Welcome } from './welcome';
import { CaseView } from './case-view';
import { NewCaseForm } from './new-case-form';

// Ask for the window while React loads: the first database read needs it.
void currentWindowId();

export function SidePanelApp() {
  // Each window's panel shows its own case (several incidents at once); see window-active-case.ts.
  const windowId = usePanelWindowId();
  const current = useWindowCase(windowId);
  const activeCaseId = current?.caseId;
  const kase = current?.kase;
  const providerCount = useProviderCount();
  const [creating, setCreating] = useState(false);

  useEffect(() => watchTurns(), []);
  useEffect(() => watchDraftChanges((caseId, text) => useTurnStream.getState().followDraft(caseId, text)), []);

  // Wait for the first database read instead of flashing the welcome screen.
  const loading = current === undefined || providerCount === undefined;
  return (
    <PanelWindowContext.Provider value={windowId ?? null}>
      <div className="flex h-full flex-col" data-testid="side-panel" data-ready={!loading}>
        <PanelHeader activeCaseId={activeCaseId ?? null} onNewCase={() => setCreating(true)} />
        <main className="min-h-0 flex-1">
          {loading ? null : creating && kase ? (
            <div className="p-3">
              <NewCaseForm onCreated={() => setCreating(false)} onCancel={() => setCreating(false)} />
            </div>
          ) : kase ? (
            <CaseView kase={kase} onNewCase={() => setCreating(true)} />
          ) : (
            <Welcome hasProvider={(providerCount ?? 0) > 0} />
          )}
        </main>
      </div>
    </PanelWindowContext.Provider>
  );
}
