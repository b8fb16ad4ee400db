import type { StructuredEvidence } from '@/lib/sites/types';

/** The few fields an engineer scans for: what page it was, its state, the window and the entities. */
export function StructuredSummary({ structured }: { structured: StructuredEvidence }) {
  const entities = structured.entities.slice(0, 8);
  return (
    <div className="mt-1 space-y-0.5 text-[11px]" data-testid="evidence-structured">
      <p className="flex flex-wrap items-center gap-1">
        <span className="rounded bg-indigo-100 px-1 font-medium text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200" data-testid="evidence-page-kind">
          {structured.pageKind}
        </span>
        {structured.status && <span data-testid="evidence-status">State: {structured.status}</span>}
        {structured.timeRange && (
          <span className="text-slate-500" title={structured.timeRange.raw}>
            {structured.timeRange.from.replace('T', ' ').slice(0, 16)} → {structured.timeRange.to.replace('T', ' ').slice(0, 16)} UTC
          </span>
        )}
      </p>
      {entities.length > 0 && (
        <p className="flex flex-wrap gap-1" data-testid="evidence-entities">
          {entities.map((e) => (
            <span key={`${e.type}:${e.name}`} className="rounded border border-slate-300 px-1 dark:border-slate-700">
              {e.type}: {e.name}
            </span>
          ))}
        </p>
      )}
      {structured.notices.length > 0 && <p className="text-amber-700 dark:text-amber-400">⚠ {structured.notices[0]}</p>}
    </div>
  );
}
