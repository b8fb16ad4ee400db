import { PHASES, PHASE_LABELS } from '@/engines/phases';
import type { CaseState } from '@/engines/investigation';

/** The seven phases as a track: done, skipped, current, ahead. */
export function PhaseTrack({ state }: { state: CaseState }) {
  const current = state.phase.current;
  return (
    <ol className="flex flex-wrap gap-1" aria-label="Investigation phases">
      {PHASES.map((phase) => {
        const done = state.phase.completed.includes(phase);
        const skipped = state.phase.skipped.includes(phase);
        const isCurrent = phase === current;
        const style = isCurrent
          ? 'bg-sky-700 text-white'
          : done
            ? 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200'
            : skipped
              ? 'bg-slate-100 text-slate-400 line-through dark:bg-slate-900'
              : 'bg-slate-100 text-slate-600 dark:bg-slate-900 dark:text-slate-400';
        return (
          <li
            key={phase}
            aria-current={isCurrent ? 'step' : undefined}
            data-testid={isCurrent ? 'current-phase' : undefined}
            className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${style}`}
          >
            {done ? '✓ ' : ''}
            {PHASE_LABELS[phase]}
          </li>
        );
      })}
    </ol>
  );
}
