import { cloneState, type CaseState, type EvidenceRef } from './case-state';
import type { EngineResult, InvestigationEvent } from './events';

/*
 * The engines know evidence by reference only (id, stable label, title); the text stays in
 * storage and reaches the prompt through the app's evidence section. Labels E1, E2… are given
 * in arrival order and never reused, so "[E3]" in an old answer still means the same item.
 */

export interface EvidenceInput {
  id: string;
  title: string;
  kind: string;
  createdAt?: number;
}

export const EVIDENCE_TITLE_MAX_CHARS = 120;

/** Registers items the state does not know yet (oldest first). Known ids are left alone. */
export function registerEvidence(state: CaseState, items: readonly EvidenceInput[]): EngineResult<CaseState> {
  const draft = cloneState(state);
  const events: InvestigationEvent[] = [];
  const known = new Set(draft.evidence.map((e) => e.id));
  const fresh = items.filter((i) => !known.has(i.id)).sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  for (const item of fresh) {
    const label = `E${draft.evidence.length + 1}`;
    const title = item.title.trim().slice(0, EVIDENCE_TITLE_MAX_CHARS) || 'Untitled evidence';
    draft.evidence.push({ id: item.id, label, title, kind: item.kind, addedTurn: draft.turn, removed: false });
    known.add(item.id);
    events.push({ type: 'evidence-registered', evidenceId: item.id, label, title });
  }
  return { state: draft, events };
}

/** Marks items deleted from storage; their labels stay reserved. */
export function markEvidenceRemoved(state: CaseState, ids: readonly string[]): CaseState {
  const draft = cloneState(state);
  for (const ref of draft.evidence) if (ids.includes(ref.id)) ref.removed = true;
  return draft;
}

/** Resolves "E3", "[E3]", "e3" or a raw id to a live evidence reference. */
export function resolveEvidence(state: CaseState, labelOrId: string): EvidenceRef | null {
  const wanted = labelOrId.trim().replace(/^\[|\]$/g, '');
  const byLabel = state.evidence.find((e) => e.label.toUpperCase() === wanted.toUpperCase());
  const ref = byLabel ?? state.evidence.find((e) => e.id === wanted) ?? null;
  return ref && !ref.removed ? ref : null;
}

export function evidenceLabel(state: CaseState, id: string): string | null {
  return state.evidence.find((e) => e.id === id)?.label ?? null;
}
