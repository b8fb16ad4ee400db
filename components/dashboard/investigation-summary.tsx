import { migrateCaseState, type CaseState } from '@/engines/investigation';
import { PHASE_LABELS } from '@/engines/phases';
import type { CaseRecord } from '@/lib/db/records';

const STATUS_STYLES: Record<string, string> = {
  validated: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  refuted: 'bg-slate-200 text-slate-700 line-through dark:bg-slate-800 dark:text-slate-400',
  active: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
};

export function readInvestigation(kase: CaseRecord): CaseState | null {
  if (kase.investigation === undefined) return null;
  const migrated = migrateCaseState(kase.investigation);
  return migrated.ok ? migrated.state : null;
}

/** The case's investigation at a glance: problem, conclusion (or abstention), hypotheses with their final states. */
export function InvestigationSummary({ kase }: { kase: CaseRecord }) {
  const state = readInvestigation(kase);
  if (!state) return <p className="text-sm text-slate-500">No structured investigation was recorded for this case.</p>;
  const problem = state.problem.confirmed ?? state.problem.proposed;
  const hypotheses = [...state.hypotheses].sort((a, b) => b.likelihood - a.likelihood);
  return (
    <div className="space-y-2 text-sm">
      {problem && (
        <p>
          <span className="font-medium">Problem{state.problem.confirmed ? '' : ' (proposed)'}:</span> {problem}
        </p>
      )}
      <p className="text-slate-600 dark:text-slate-400">
        Phase {PHASE_LABELS[state.phase.current]} · urgency {state.urgency} · {state.status}
      </p>
      {state.conclusion && !state.conclusion.abstained && state.conclusion.statement && (
        <p>
          <span className="font-medium">Conclusion ({state.conclusion.level}, {Math.round(state.conclusion.confidence * 100)}%):</span>{' '}
          {state.conclusion.statement}
        </p>
      )}
      {state.abstention && (
        <p>
          <span className="font-medium">Abstained:</span> {state.abstention.reason}
        </p>
      )}
      {hypotheses.length > 0 && (
        <ul aria-label="Hypotheses" className="space-y-1">
          {hypotheses.map((h) => (
            <li key={h.id} className="flex items-start gap-2">
              <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${STATUS_STYLES[h.status] ?? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200'}`}>
                {h.id} · {h.status} · {Math.round(h.likelihood * 100)}%
              </span>
              <span className="flex-1">{h.statement}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
