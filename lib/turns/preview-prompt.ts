import type { FaultMavenDB } from '@/lib/db/schema';
import type { MessageRecord } from '@/lib/db/records';
import type { CondensedNote, MaskedValue } from '@/lib/evidence/prepare-for-model';
import { getCase } from '@/lib/cases/case-service';
import { buildPromptWithReport } from './build-prompt';

/** What sending `draft` now would send to the model, and what was masked on the way. */
export interface PromptPreview {
  messages: { role: string; content: string }[];
  masked: MaskedValue[];
  condensed: CondensedNote[];
  /** Characters that would be sent, all messages together. */
  totalChars: number;
}

/**
 * Builds the prompt exactly as a turn would (same evidence, same history, the draft as the
 * newest user message, same case salt so the same placeholders), without calling anything.
 */
export async function previewPrompt(db: FaultMavenDB, caseId: string, draft: string): Promise<PromptPreview> {
  const kase = await getCase(db, caseId);
  const [evidence, history] = await Promise.all([
    db.evidence.where('caseId').equals(caseId).toArray(),
    db.messages.where('[caseId+createdAt]').between([caseId, -Infinity], [caseId, Infinity], true, true).toArray(),
  ]);
  const text = draft.trim();
  const now = Date.now();
  const pending: MessageRecord[] = text
    ? [{ id: 'preview', caseId, role: 'user', content: text, status: 'complete', createdAt: now, updatedAt: now }]
    : [];
  const report = buildPromptWithReport({ kase, evidence, history: [...history, ...pending] });
  return {
    messages: report.messages.map((m) => ({ role: m.role, content: m.content })),
    masked: report.masked,
    condensed: report.condensed,
    totalChars: report.messages.reduce((sum, m) => sum + m.content.length, 0),
  };
}
