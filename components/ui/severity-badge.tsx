import { SEVERITY_LABELS, type Severity } from '@/engines/severity';

const COLORS: Record<Severity, string> = {
  sev1: 'bg-red-700 text-white',
  sev2: 'bg-orange-600 text-white',
  sev3: 'bg-amber-200 text-amber-950 dark:bg-amber-300',
  sev4: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${COLORS[severity]}`} title={SEVERITY_LABELS[severity]}>
      {severity.toUpperCase()}
    </span>
  );
}
