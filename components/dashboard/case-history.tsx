import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import type { CaseStatus } from '@/lib/db/records';
import { filterCases } from '@/lib/cases/case-filter';
import { SeverityBadge } from '@/components/ui/severity-badge';

export function CaseHistory({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<CaseStatus | 'all'>('all');
  const all = useLiveQuery(() => db.cases.toArray());
  const cases = all ? filterCases(all, { text, status }) : [];

  return (
    <section aria-label="Case history" className="flex h-full flex-col border-r border-slate-200 dark:border-slate-800">
      <div className="space-y-2 p-3">
        <input
          aria-label="Search cases"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search cases"
          className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <select
          aria-label="Filter by status"
          value={status}
          onChange={(e) => setStatus(e.target.value as CaseStatus | 'all')}
          className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="all">All statuses</option>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="closed">Closed</option>
        </select>
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto" data-testid="case-history">
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
              </p>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
