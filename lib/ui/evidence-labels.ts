import type { EvidenceRef } from '@/engines/investigation';

/**
 * `E1`, `E2`… for the evidence of a case, as the model saw them: the engines' stable labels
 * when the case has an investigation state, and for items it has not registered yet (added
 * since the last turn) the labels it will give them next: the following numbers, oldest first.
 * Without any state, the prompt's own fallback: oldest is E1.
 */
export function evidenceLabels(evidence: readonly { id: string; createdAt: number }[], refs: readonly EvidenceRef[] = []): Map<string, string> {
  const labelById = new Map<string, string>();
  let highest = 0;
  for (const ref of refs) {
    labelById.set(ref.id, ref.label);
    highest = Math.max(highest, Number(ref.label.slice(1)) || 0);
  }
  const fresh = evidence.filter((e) => !labelById.has(e.id)).sort((a, b) => a.createdAt - b.createdAt);
  for (const item of fresh) labelById.set(item.id, `E${++highest}`);
  return labelById;
}

/** The reverse map, for resolving a citation: label → evidence id (live items only). */
export function evidenceIdByLabel(labels: ReadonlyMap<string, string>, liveIds: ReadonlySet<string>): Map<string, string> {
  const byLabel = new Map<string, string>();
  for (const [id, label] of labels) if (liveIds.has(id)) byLabel.set(label.toUpperCase(), id);
  return byLabel;
}
