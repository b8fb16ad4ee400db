import { useEffect, useState } from 'react';
import { useActiveCaseId, useCase, useProviderCount } from '@/lib/ui/queries';
import { watchTurns } from '@/lib/ui/turn-client';
import { PanelHeader } from './panel-header';
import { Welcome } from './welcome';
import { CaseView } from './case-view';
import { NewCaseForm } from './new-case-form';

export function SidePanelApp() {
  const activeCaseId = useActiveCaseId();
  const kase = useCase(activeCaseId);
  const providerCount = useProviderCount();
  const [creating, setCreating] = useState(false);

  useEffect(() => watchTurns(), []);

  // Wait for the first database read instead of flashing the welcome screen.
  const loading = activeCaseId === undefined || kase === undefined || providerCount === undefined;
  return (
    <div className="flex h-full flex-col" data-testid="side-panel" data-ready={!loading}>
      <PanelHeader activeCaseId={activeCaseId ?? null} onNewCase={() => setCreating(true)} />
      <main className="min-h-0 flex-1">
        {loading ? null : creating && kase ? (
          <div className="p-3">
            <NewCaseForm onCreated={() => setCreating(false)} onCancel={() => setCreating(false)} />
          </div>
        ) : kase ? (
          <CaseView kase={kase} />
        ) : (
          <Welcome hasProvider={(providerCount ?? 0) > 0} />
        )}
      </main>
    </div>
  );
}
