import type { EvidenceRecord } from '@/lib/db/records';
import type { EntityType } from '@/lib/sites/types';

/**
 * The named things a case's evidence is about (services, clusters, alarms…), read from what
 * site adapters extracted. Names are de-duplicated case-insensitively and keep the first
 * spelling seen, in capture order.
 */
export function caseEntities(evidence: readonly Pick<EvidenceRecord, 'structured' | 'createdAt'>[]): Map<EntityType, string[]> {
  const byType = new Map<EntityType, string[]>();
  const seen = new Set<string>();
  for (const item of [...evidence].sort((a, b) => a.createdAt - b.createdAt)) {
    for (const entity of item.structured?.entities ?? []) {
      const name = entity.name.trim();
      const key = `${entity.type}\u0000${name.toLowerCase()}`;
      if (!name || seen.has(key)) continue;
      seen.add(key);
      byType.set(entity.type, [...(byType.get(entity.type) ?? []), name]);
    }
  }
  return byType;
}

/** The services named in a case's evidence. */
export function caseServices(evidence: readonly Pick<EvidenceRecord, 'structured' | 'createdAt'>[]): string[] {
  return caseEntities(evidence).get('service') ?? [];
}
