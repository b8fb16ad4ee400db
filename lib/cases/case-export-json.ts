import type { FaultMavenDB } from '@/lib/db/schema';
import { readCaseState } from '@/lib/investigation/case-state-store';
import { getCase } from './case-service';
import type { CaseBundle } from './case-bundle';
import { toCaseExport } from './case-export-format';
import { caseSlug, postmortemMarkdown } from './postmortem-markdown';

/** A file the dashboard offers as a download, generated in the service worker (the source of truth). */
export interface ExportedFile {
  filename: string;
  mime: string;
  content: string;
}

export type CaseExportKind = 'markdown' | 'json';

/** One case with everything that belongs to it, read in one transaction so the parts agree. */
export async function loadCaseBundle(db: FaultMavenDB, caseId: string): Promise<CaseBundle> {
  return db.transaction('r', [db.cases, db.messages, db.evidence, db.hypotheses], async () => {
    const kase = await getCase(db, caseId);
    const [messages, evidence, hypotheses] = await Promise.all([
      db.messages.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity]).toArray(),
      db.evidence.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity]).toArray(),
      db.hypotheses.where('caseId').equals(caseId).toArray(),
    ]);
    // An unreadable stored state is left out rather than exported as if it were valid.
    const read = kase.investigation === undefined ? null : readCaseState(kase);
    const state = read && !read.warning ? read.state : null;
    return { kase, messages, evidence, hypotheses: hypotheses.sort((a, b) => a.createdAt - b.createdAt), state };
  });
}

/** The case as `<slug>-postmortem.md` or `<slug>.faultmaven-case.json`. */
export async function exportCase(db: FaultMavenDB, caseId: string, kind: CaseExportKind, now = Date.now()): Promise<ExportedFile> {
  const bundle = await loadCaseBundle(db, caseId);
  const slug = caseSlug(bundle.kase.title);
  if (kind === 'markdown') {
    return { filename: `${slug}-postmortem.md`, mime: 'text/markdown', content: postmortemMarkdown(bundle) };
  }
  return {
    filename: `${slug}.faultmaven-case.json`,
    mime: 'application/json',
    content: `${JSON.stringify(toCaseExport(bundle, now), null, 2)}\n`,
  };
}
