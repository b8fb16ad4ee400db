import { useState } from 'react';
import { CaseHistory } from './case-history';
import { CaseDetail } from './case-detail';

/** The full-tab view: case history on the left, the selected case on the right. */
export function DashboardApp() {
  const [selectedId, setSelectedId] = useState<string | null>(() => new URLSearchParams(location.search).get('case'));
  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <span className="font-semibold text-sky-800 dark:text-sky-400">FaultMaven</span>
        <span className="text-sm text-slate-500">Case history</span>
        <div className="flex-1" />
        <a className="text-sm text-sky-700 underline dark:text-sky-400" href="/options.html">
          Settings
        </a>
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-[20rem_1fr]">
        <CaseHistory selectedId={selectedId} onSelect={setSelectedId} />
        <div className="min-h-0 overflow-y-auto">
          {selectedId ? (
            <CaseDetail caseId={selectedId} onDeleted={() => setSelectedId(null)} />
          ) : (
            <p className="p-6 text-sm text-slate-500">Select a case to see its conversation and evidence.</p>
          )}
        </div>
      </div>
    </div>
  );
}
