import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '@/engines/severity';
import { db } from '@/lib/db';
import type { CaseStatus } from '@/lib/db/records';
import { allServices, caseFacetsByCase, filterCases, type CaseFacets, type EvidenceEntities } from '@/lib/cases/case-filter';
import { sendCommand } from '@/lib/messaging/client';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { CaseImportButton } from './case-import-button';
import type { DashboardClient } from './dashboard-client';

const FIELD = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/** `YYYY-MM-DD` from a date input → the start (or end) of that day in local time, or null. */
function dayBound(value: string, end: boolean): number | null {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return end ? new Date(y, m - 1, d, 23, 59, 59, 999).getTime() : new Date(y, m - 1, d).getTime();
}

/** Services and entity names of every case, read from the evidence's typed fields only. */
function useCaseFacets(): Map<string, CaseFacets> {
  // A cursor keeps only the entity lists in memory, not every capture's text and images at once.
  const rows = useLiveQuery(async () => {
    const found: EvidenceEntities[] = [];
    await db.evidence.each((e) => {
      if (e.structured?.entities.length) found.push({ caseId: e.caseId, structured: { entities: e.structured.entities } });
    });
    return found;
  });
  return useMemo(() => caseFacetsByCase(rows ?? []), [rows]);
}

export function CaseHistory({
  selectedId,
  onSelect,
  client = sendCommand,
}: {
  selectedId: string | null;
  onSelect: (id: string) => void;
  client?: DashboardClient;
}) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<CaseStatus | 'all'>('all');
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const [service, setService] = useState('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const all = useLiveQuery(() => db.cases.toArray());
  const facets = useCaseFacets();
  const services = allServices(facets);
  const cases = all ? filterCases(all, { text, status, severity, service, from: dayBound(from, false), to: dayBound(to, true) }, facets) : [];
  const filtered = text !== '' || status !== 'all' || severity !== 'all' || service !== 'all' || from !== '' || to !== '';

  return (
    <section aria-label="Case history" className="flex h-full flex-col border-r border-slate-200 dark:border-slate-800">
      <div className="space-y-2 p-3">
        <CaseImportButton client={client} onImported={(kase) => onSelect(kase.id)} />
        <input
          aria-label="Search cases"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search title, service, cluster, alarm…"
          className={`${FIELD} py-1.5`}
        />
        <div className="grid grid-cols-2 gap-2">
          <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | 'all')} className={FIELD}>
            <option value="all">All statuses</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
            <option value="closed">Closed</option>
          </select>
          <select aria-label="Filter by severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity | 'all')} className={FIELD}>
            <option value="all">All severities</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <select aria-label="Filter by service" value={service} onChange={(e) => setService(e.target.value)} className={FIELD} disabled={services.length === 0}>
          <option value="all">{services.length ? 'All services' : 'No services in evidence yet'}</option>
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <div className="grid grid-cols-2 gap-2 text-xs text-slate-600 dark:text-slate-400">
          <label className="space-y-0.5">
            <span>Active from</span>
            <input type="date" aria-label="Active from" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} className={FIELD} />
          </label>
          <label className="space-y-0.5">
            <span>Active until</span>
            <input type="date" aria-label="Active until" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} className={FIELD} />
          </label>
        </div>
        {filtered && (
          <button
            type="button"
            className="text-xs text-sky-700 underline dark:text-sky-400"
            onClick={() => {
              setText('');
              setStatus('all');
              setSeverity('all');
              setService('all');
              setFrom('');
              setTo('');
            }}
          >
            Clear filters
          </button>
        )}
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto" data-testid="case-history" aria-label="Cases">
        {all && cases.length === 0 && <li className="p-3 text-sm text-slate-500">{all.length ? 'No case matches.' : 'No cases yet.'}</li>}
        {cases.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              onClick={() => onSelect(c.id)}
              aria-current={c.id === selectedId}
              className={`w-full border-b border-slate-100 px-3 py-2 text-left dark:border-slate-900 ${c.id === selectedId ? 'bg-sky-50 dark:bg-sky-950' : 'hover:bg-slate-50 dark:hover:bg-slate-900'}`}
            >
              <div className="flex items-center gap-2">
                <SeverityBadge severity={c.severity} />
                <span className="flex-1 truncate text-sm font-medium">{c.title}</span>
              </div>
              <p className="mt-0.5 text-[11px] text-slate-500">
                {c.status} · updated {new Date(c.updatedAt).toLocaleString()}
                {facets.get(c.id)?.services.length ? ` · ${facets.get(c.id)!.services.join(', ')}` : ''}
              </p>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
