import type { CaseState } from '@/engines/case-state';
import type { CaseRecord, EvidenceRecord, HypothesisRecord, MessageRecord } from '@/lib/db/records';

/**
 * Everything that makes up one case, as the exporters read it: the case row, its conversation
 * and evidence in time order, any hypothesis rows, and the engines' state (null when the case
 * has none or it could not be read). Pure data, so the CLI can build it from an exported file.
 */
export interface CaseBundle {
  kase: CaseRecord;
  messages: MessageRecord[];
  evidence: EvidenceRecord[];
  hypotheses: HypothesisRecord[];
  state: CaseState | null;
}
