import type { Severity } from '@/engines/severity';
import type { CaseRecord, CaseStatus } from '@/lib/db/records';
import type { EntityRef } from '@/lib/sites/types';

export interface CaseFilter {
  text: string;
  status: CaseStatus | 'all';
  severity?: Severity | 'all';
  /** A service named in the case's evidence (exact, case-insensitive), or every case. */
  service?: string | 'all';
  /** Inclusive bounds in ms: the case must have been active (opened … last updated) within them. */
  from?: number | null;
  to?: number | null;
}

/** What the history search knows about a case beyond its row: the names its evidence mentions. */
export interface CaseFacets {
  services: string[];
  /** Every entity name (clusters, pods, alarms, monitors…), services included. */
  entities: string[];
}

/** The part of an evidence row the facets need (the history reads only this, not texts or images). */
export interface EvidenceEntities {
  caseId: string;
  structured?: { entities: readonly EntityRef[] };
}

/** Facets of every case, from its evidence's site-adapter entities. */
export function caseFacetsByCase(evidence: readonly EvidenceEntities[]): Map<string, CaseFacets> {
  const byCase = new Map<string, CaseFacets>();
  for (const e of evidence) {
    const entities = e.structured?.entities ?? [];
    if (entities.length === 0) continue;
    const facets = byCase.get(e.caseId) ?? { services: [], entities: [] };
    for (const entity of entities) {
      const name = entity.name.trim();
      if (!name) continue;
      const has = (list: string[]) => list.some((n) => n.toLowerCase() === name.toLowerCase());
      if (entity.type === 'service' && !has(facets.services)) facets.services.push(name);
      if (!has(facets.entities)) facets.entities.push(name);
    }
    byCase.set(e.caseId, facets);
  }
  return byCase;
}

/** Every service named in any case, sorted, for the service filter's choices. */
export function allServices(facets: ReadonlyMap<string, CaseFacets>): string[] {
  const seen = new Map<string, string>();
  for (const f of facets.values()) for (const s of f.services) if (!seen.has(s.toLowerCase())) seen.set(s.toLowerCase(), s);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

const NO_FACETS: CaseFacets = { services: [], entities: [] };

/**
 * Case history search: every word must appear in the title, the severity or a name the
 * evidence mentions (service, cluster, pod, alarm…); then the status, severity, service and
 * date filters. Newest activity first.
 */
export function filterCases(cases: CaseRecord[], filter: CaseFilter, facets: ReadonlyMap<string, CaseFacets> = new Map()): CaseRecord[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const service = filter.service && filter.service !== 'all' ? filter.service.toLowerCase() : null;
  const from = filter.from ?? null;
  const to = filter.to ?? null;
  return cases
    .filter((c) => filter.status === 'all' || c.status === filter.status)
    .filter((c) => !filter.severity || filter.severity === 'all' || c.severity === filter.severity)
    .filter((c) => service === null || (facets.get(c.id) ?? NO_FACETS).services.some((s) => s.toLowerCase() === service))
    .filter((c) => (from === null || c.updatedAt >= from) && (to === null || c.createdAt <= to))
    .filter((c) => {
      if (words.length === 0) return true;
      const haystack = [c.title, c.severity, ...(facets.get(c.id) ?? NO_FACETS).entities].join('\n').toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => b.updatedAt - a.updatedAt);
}
