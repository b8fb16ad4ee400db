import type { CaseState } from '@/engines/investigation';

const LEVEL_STYLE = {
  speculation: 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
  probable: 'bg-amber-200 text-amber-950',
  confident: 'bg-sky-200 text-sky-950',
  verified: 'bg-green-200 text-green-950',
} as const;

/** The working conclusion, or why there is none (abstention). */
export function ConclusionCard({ state }: { state: CaseState }) {
  const conclusion = state.conclusion;
  if (state.abstention) {
    return (
      <section className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950" aria-label="Working conclusion">
        <p className="font-medium">Cannot establish the cause yet</p>
        <p className="mt-0.5">{state.abstention.reason}</p>
        {state.abstention.missingEvidence.length > 0 && (
          <ul className="mt-1 list-disc pl-5 text-xs">
            {state.abstention.missingEvidence.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  if (!conclusion) return <p className="text-sm text-slate-500">No working conclusion yet.</p>;
  return (
    <section className="rounded-md border border-slate-200 p-2 dark:border-slate-800" aria-label="Working conclusion" data-testid="conclusion">
      <div className="flex items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${LEVEL_STYLE[conclusion.level]}`}>{conclusion.level}</span>
        <span className="text-[11px] text-slate-500">{Math.round(conclusion.confidence * 100)}% confidence</span>
        {conclusion.canProposeSolution && <span className="text-[11px] text-green-700 dark:text-green-400">ready for a fix</span>}
      </div>
      <p className="mt-1 text-sm">{conclusion.statement}</p>
      {conclusion.caveats.length > 0 && (
        <ul className="mt-1 list-disc pl-5 text-xs text-slate-600 dark:text-slate-400">
          {conclusion.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {conclusion.nextEvidenceNeeded.length > 0 && (
        <p className="mt-1 text-xs">
          <span className="font-medium">Next evidence: </span>
          {conclusion.nextEvidenceNeeded.join(' · ')}
        </p>
      )}
    </section>
  );
}
