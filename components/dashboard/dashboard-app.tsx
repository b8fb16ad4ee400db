import { useState } from 'react';
import { CaseHistory } from './case-history';
import { CaseDetail } from './case-detail';
import { KnowledgeBaseSection } from './knowledge-base-section';

type View = 'cases' | 'knowledge';

/** The full-tab view: case history on the left, the selected case on the right. */
export function DashboardApp() {
  const [selectedId, setSelectedId] = useState<string | null>(() => new URLSearchParams(location.search).get('case'));
  const [view, setView] = useState<View>(() => (location.hash === '#knowledge' ? 'knowledge' : 'cases'));
  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <span className="font-semibold text-sky-800 dark:text-sky-400">FaultMaven</span>
        <nav aria-label="Dashboard sections" className="flex gap-1">
          {(['cases', 'knowledge'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-current={view === v ? 'page' : undefined}
              onClick={() => setView(v)}
              className={`rounded px-2 py-0.5 text-sm ${view === v ? 'bg-slate-200 font-medium dark:bg-slate-800' : 'text-slate-600 dark:text-slate-400'}`}
            >
              {v === 'cases' ? 'Case history' : 'Knowledge base'}
            </button>
          ))}
        </nav>
        <div className="flex-1" />
        <a className="text-sm text-sky-700 underline dark:text-sky-400" href="/options.html">
          Settings
        </a>
      </header>
      {view === 'knowledge' ? (
        <div className="min-h-0 flex-1 overflow-y-auto">
          <KnowledgeBaseSection />
        </div>
      ) : (
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
      )}
    </div>
  );
}
