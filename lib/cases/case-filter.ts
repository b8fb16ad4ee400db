import type { CaseRecord, CaseStatus } from '@/lib/db/records';

export interface CaseFilter {
  text: string;
  status: CaseStatus | 'all';
}

/** Case history search: every word must appear in the title; newest activity first. */
export function filterCases(cases: CaseRecord[], filter: CaseFilter): CaseRecord[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return cases
    .filter((c) => filter.status === 'all' || c.status === filter.status)
    .filter((c) => words.every((w) => c.title.toLowerCase().includes(w)))
    .sort((a, b) => b.updatedAt - a.updatedAt);
}
