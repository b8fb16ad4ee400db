import type { Hypothesis } from '@/engines/investigation';

type Link = Hypothesis['links'][number];

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
export function HypothesisList({
  hypotheses,
  labels = new Map(),
  onOpenEvidence,
}: {
  hypotheses: Hypothesis[];
  /** Evidence id → E1…, to name the items for and against. */
  labels?: ReadonlyMap<string, string>;
  onOpenEvidence?: (evidenceId: string) => void;
}) {
  if (hypotheses.length === 0) return <p className="text-sm text-slate-500">No hypotheses yet.</p>;
  const ordered = [...hypotheses].sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || b.likelihood - a.likelihood);
  return (
    <ul className="space-y-2" data-testid="hypotheses">
      {ordered.map((h) => {
        const supporting = h.links.filter((l) => l.stance === 'supports');
        const refuting = h.links.filter((l) => l.stance === 'refutes');
        return (
          <li key={h.id} className="rounded-md border border-slate-200 p-2 dark:border-slate-800" data-testid="hypothesis" data-status={h.status}>
            <div className="flex items-baseline gap-2">
              <span className="text-[11px] font-semibold text-slate-500">{h.id}</span>
              <span className={`flex-1 text-sm ${STATUS_STYLE[h.status]}`}>{h.statement}</span>
              <span className="text-[11px] text-slate-600 dark:text-slate-400" data-testid="hypothesis-status">
                {h.status}
              </span>
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
            <p className="mt-0.5 text-[11px] text-slate-600 dark:text-slate-400">
              {Math.round(h.likelihood * 100)}% · {supporting.length} supporting · {refuting.length} refuting
              {h.statusReason ? ` · ${h.statusReason}` : ''}
            </p>
            <EvidenceLinks stance="Supporting" links={supporting} labels={labels} onOpen={onOpenEvidence} />
            <EvidenceLinks stance="Refuting" links={refuting} labels={labels} onOpen={onOpenEvidence} />
          </li>
        );
      })}
    </ul>
  );
}

function isOpen(h: Hypothesis): boolean {
  return h.status === 'active' || h.status === 'captured' || h.status === 'validated';
}

/** "Supporting: E2 E5": each item a button that shows it, its note as the tooltip. */
function EvidenceLinks({
  stance,
  links,
  labels,
  onOpen,
}: {
  stance: 'Supporting' | 'Refuting';
  links: Link[];
  labels: ReadonlyMap<string, string>;
  onOpen: ((evidenceId: string) => void) | undefined;
}) {
  if (links.length === 0) return null;
  return (
    <p className="mt-0.5 flex flex-wrap items-center gap-1 text-[11px]" data-testid={`hypothesis-${stance.toLowerCase()}`}>
      <span className={stance === 'Supporting' ? 'text-green-800 dark:text-green-400' : 'text-red-800 dark:text-red-400'}>{stance}:</span>
      {links.map((link) => {
        const label = labels.get(link.evidenceId) ?? link.evidenceId.slice(0, 6);
        return onOpen && labels.has(link.evidenceId) ? (
          <button
            key={link.evidenceId}
            type="button"
            className="rounded border border-slate-300 px-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            title={link.note || undefined}
            aria-label={`${stance} evidence ${label}${link.note ? `: ${link.note}` : ''}`}
            onClick={() => onOpen(link.evidenceId)}
          >
            {label}
          </button>
        ) : (
          <span key={link.evidenceId} className="rounded border border-slate-300 px-1 dark:border-slate-700" title={link.note || undefined}>
            {label}
          </span>
        );
      })}
    </p>
  );
}
