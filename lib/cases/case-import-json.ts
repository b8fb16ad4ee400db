import type { FaultMavenDB } from '@/lib/db/schema';
import type { CaseRecord } from '@/lib/db/records';
import { newId } from '@/lib/ids';
import { parseCaseExport, type CaseExport } from './case-export-format';

/**
 * Imports an exported case as a new case. Every record gets a fresh id, so importing a file
 * twice (or a teammate's case that shares ids with one of yours) never overwrites anything;
 * references between records — messages answering messages, the engines' state pointing at
 * evidence and at its own case — are rewritten to the new ids. All rows are written in one
 * transaction: a failure leaves the database as it was.
 */
export async function importCaseJson(db: FaultMavenDB, json: string): Promise<CaseRecord> {
  const data = parseCaseExport(json);
  const fresh = withFreshIds(data);
  await db.transaction('rw', [db.cases, db.messages, db.evidence, db.hypotheses], async () => {
    await db.cases.add(fresh.case);
    await db.messages.bulkAdd(fresh.messages);
    await db.evidence.bulkAdd(fresh.evidence);
    await db.hypotheses.bulkAdd(fresh.hypotheses);
  });
  return fresh.case;
}

/** The same export with new ids everywhere, references included. */
export function withFreshIds(data: CaseExport): CaseExport {
  const ids = new Map<string, string>([[data.case.id, newId()]]);
  for (const r of [...data.messages, ...data.evidence, ...data.hypotheses]) ids.set(r.id, newId());
  // Ids are random UUIDs in practice; rewriting every string equal to one (and only those) reaches
  // every reference, including ones inside the engines' state that a future version adds.
  const remap = <T>(value: T): T => rewriteStrings(value, (s) => ids.get(s) ?? s);
  return {
    ...data,
    case: remap(data.case),
    messages: data.messages.map(remap),
    evidence: data.evidence.map(remap),
    hypotheses: data.hypotheses.map(remap),
  };
}

function rewriteStrings<T>(value: T, rewrite: (s: string) => string): T {
  if (typeof value === 'string') return rewrite(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => rewriteStrings(v, rewrite)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = rewriteStrings(v, rewrite);
    return out as T;
  }
  return value;
}
