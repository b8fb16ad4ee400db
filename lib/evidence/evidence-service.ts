import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceKind, EvidenceRecord, Provenance } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { newId } from '@/lib/ids';
import { getCase, touchCase } from '@/lib/cases/case-service';

/** Largest text kept per evidence item; condensation (logs) makes big inputs fit later. */
export const MAX_EVIDENCE_CHARS = 200_000;
/** Largest image kept inline. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface NewEvidence {
  caseId: string;
  kind: EvidenceKind;
  title: string;
  text: string;
  provenance: Omit<Provenance, 'capturedAt'> & { capturedAt?: number };
  truncated?: boolean;
  imageDataUrl?: string;
  structured?: EvidenceRecord['structured'];
}

export async function addEvidence(db: FaultMavenDB, input: NewEvidence): Promise<EvidenceRecord> {
  const kase = await getCase(db, input.caseId);
  if (kase.status === 'closed') throw new FaultMavenError('invalid-input', 'This case is closed; reopen it to add evidence');
  const text = input.text.trim();
  if (!text && !input.imageDataUrl) throw new FaultMavenError('invalid-input', 'Nothing to add: the evidence is empty');
  if (input.imageDataUrl && input.imageDataUrl.length > MAX_IMAGE_BYTES * 1.4) {
    throw new FaultMavenError('invalid-input', `Image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  }
  const overLimit = text.length > MAX_EVIDENCE_CHARS;
  const now = Date.now();
  const record: EvidenceRecord = {
    id: newId(),
    caseId: input.caseId,
    kind: input.kind,
    title: input.title.trim().slice(0, 300) || defaultTitle(input.kind),
    text: overLimit ? text.slice(0, MAX_EVIDENCE_CHARS) : text,
    truncated: overLimit || input.truncated === true,
    provenance: { ...input.provenance, capturedAt: input.provenance.capturedAt ?? now },
    ...(input.imageDataUrl ? { imageDataUrl: input.imageDataUrl } : {}),
    ...(input.structured ? { structured: input.structured } : {}),
    createdAt: now,
  };
  await db.transaction('rw', db.evidence, db.cases, async () => {
    await db.evidence.add(record);
    await touchCase(db, input.caseId);
  });
  return record;
}

export async function deleteEvidence(db: FaultMavenDB, evidenceId: string): Promise<boolean> {
  const existing = await db.evidence.get(evidenceId);
  if (!existing) return false;
  await db.evidence.delete(evidenceId);
  return true;
}

function defaultTitle(kind: EvidenceKind): string {
  return { page: 'Captured page', selection: 'Selected text', link: 'Link', image: 'Image', file: 'File', note: 'Note' }[kind];
}
