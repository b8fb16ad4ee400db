import type { EvidenceRecord } from '@/lib/db/records';

/**
 * The case tier holds one knowledge document per text evidence item. Its id is derived from the
 * evidence id, so re-running the indexer (at worker start, after a crash) never indexes the same
 * evidence twice and a deleted evidence item's document is easy to find.
 */

const PREFIX = 'case:ev:';

export function evidenceDocumentId(evidenceId: string): string {
  return `${PREFIX}${evidenceId}`;
}

/** The evidence id behind a case-tier document, or null for a case document added another way. */
export function evidenceIdOfDocument(documentId: string): string | null {
  return documentId.startsWith(PREFIX) ? documentId.slice(PREFIX.length) : null;
}

/** What gets indexed: the title as the heading, then the text; null when there is no text (an image). */
export function evidenceToKbText(evidence: EvidenceRecord): string | null {
  const text = evidence.text.trim();
  if (text.length === 0) return null;
  return `# ${evidence.title.replace(/\s+/g, ' ').trim()}\n\n${text}`;
}
