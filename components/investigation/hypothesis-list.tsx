import type { Hypothesis } from '@/engines/investigation';

const STATUS_STYLE: Record<Hypothesis['status'], string> = {
  captured: 'text-slate-500',
  active: 'text-sky-700 dark:text-sky-400',
  validated: 'text-green-700 dark:text-green-400',
  refuted: 'text-red-700 dark:text-red-400 line-through',
  inconclusive: 'text-amber-700 dark:text-amber-400',
  retired: 'text-slate-400 line-through',
  superseded: 'text-slate-400 line-through',
};

/** Hypotheses with likelihood bars and their evidence for and against. */
export function HypothesisList({ hypotheses }: { hypotheses: Hypothesis[] }) {
  if (hypotheses.length === 0) return <p className="text-sm text-slate-500">No hypotheses yet.</p>;
  const ordered = [...hypotheses].sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || b.likelihood - a.likelihood);
  return (
    <ul className="space-y-2" data-testid="hypotheses">
      {ordered.map((h) => {
        const supports = h.links.filter((l) => l.stance === 'supports').length;
        const refutes = h.links.filter((l) => l.stance === 'refutes').length;
        return (
          <li key={h.id} className="rounded-md border border-slate-200 p-2 dark:border-slate-800" data-testid="hypothesis" data-status={h.status}>
            <div className="flex items-baseline gap-2">
              <span className="text-[11px] font-semibold text-slate-500">{h.id}</span>
              <span className={`flex-1 text-sm ${STATUS_STYLE[h.status]}`}>{h.statement}</span>
              <span className="text-[11px] text-slate-500">{h.status}</span>
            </div>
            <div
              className="mt-1 h-1.5 w-full rounded bg-slate-200 dark:bg-slate-800"
              role="meter"
              aria-label={`Likelihood of ${h.id}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(h.likelihood * 100)}
            >
              <div className="h-1.5 rounded bg-sky-600" style={{ width: `${Math.round(h.likelihood * 100)}%` }} />
            </div>
            <p className="mt-0.5 text-[11px] text-slate-500">
              {Math.round(h.likelihood * 100)}% · {supports} supporting · {refutes} refuting
              {h.statusReason ? ` · ${h.statusReason}` : ''}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function isOpen(h: Hypothesis): boolean {
  return h.status === 'active' || h.status === 'captured' || h.status === 'validated';
}
