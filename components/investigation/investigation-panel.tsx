import { useCaseState } from '@/lib/ui/use-case-state';
import { useEvidence } from '@/lib/ui/queries';
import { PhaseTrack } from './phase-track';
import { HypothesisList } from './hypothesis-list';
import { ConclusionCard } from './conclusion-card';
import { SuggestedActions } from './suggested-actions';
import { IncidentTimelineChart } from './incident-timeline-chart';

/** The case as the engines see it: phase, problem, hypotheses, conclusion, next steps, and the incident timeline. */
export function InvestigationPanel({
  caseId,
  closed,
  labels = new Map(),
  onOpenEvidence,
}: {
  caseId: string;
  closed: boolean;
  /** Evidence id → E1…, as the model cites them. */
  labels?: ReadonlyMap<string, string>;
  onOpenEvidence?: (evidenceId: string) => void;
}) {
  const state = useCaseState(caseId);
  const evidence = useEvidence(caseId);
  if (state === undefined) return null;
  const timeline = (
    <section aria-label="Incident timeline" className="space-y-1">
      <h2 className="text-xs font-semibold text-slate-500 uppercase">Timeline</h2>
      {evidence && <IncidentTimelineChart evidence={evidence} labels={labels} {...(onOpenEvidence ? { onOpenEvidence } : {})} />}
    </section>
  );
  if (state === null) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-500">Ask a first question: the investigation state appears after the first answer.</p>
        {timeline}
      </div>
    );
  }
  const problem = state.problem.confirmed ?? state.problem.proposed;
  return (
    <div className="space-y-3" data-testid="investigation">
      <PhaseTrack state={state} />
      <section aria-label="Problem statement">
        <h2 className="text-xs font-semibold text-slate-500 uppercase">Problem</h2>
        <p className="text-sm">
          {problem ?? 'Not stated yet.'}{' '}
          {problem && !state.problem.confirmed && <span className="text-xs text-amber-700 dark:text-amber-400">(awaiting your confirmation)</span>}
        </p>
      </section>
      {state.progress.transparency && (
        <p role="status" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {state.progress.transparency.description}
        </p>
      )}
      <section aria-label="Working conclusion" className="space-y-1">
        <h2 className="text-xs font-semibold text-slate-500 uppercase">Working conclusion</h2>
        <ConclusionCard state={state} />
      </section>
      <section aria-label="Hypotheses" className="space-y-1">
        <h2 className="text-xs font-semibold text-slate-500 uppercase">Hypotheses</h2>
        <HypothesisList hypotheses={state.hypotheses} labels={labels} {...(onOpenEvidence ? { onOpenEvidence } : {})} />
      </section>
      {state.suggestedActions.length > 0 && (
        <section className="space-y-1">
          <h2 className="text-xs font-semibold text-slate-500 uppercase">Next steps</h2>
          <SuggestedActions caseId={caseId} actions={state.suggestedActions} disabled={closed} />
        </section>
      )}
      {timeline}
    </div>
  );
}
