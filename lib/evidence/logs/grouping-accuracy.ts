/**
 * Grouping accuracy, the standard log-parsing metric (Zhu et al., "Tools and Benchmarks for
 * Automated Log Parsing", 2019): a line counts as correct only when the group it was put in
 * holds exactly the lines of its true group — no more, no fewer. Labels are compared only
 * for equality, so any ids work (template ids, EventIds).
 */
export function groupingAccuracy(predicted: ArrayLike<number | string>, truth: ArrayLike<number | string>): number {
  if (predicted.length !== truth.length) {
    throw new Error(`groupingAccuracy: ${predicted.length} predictions for ${truth.length} lines`);
  }
  if (truth.length === 0) return 1;
  const truthSize = new Map<number | string, number>();
  for (let i = 0; i < truth.length; i++) truthSize.set(truth[i]!, (truthSize.get(truth[i]!) ?? 0) + 1);
  // For each predicted group: its size and the one true label it holds (or null when mixed).
  const groups = new Map<number | string, { size: number; label: number | string | null }>();
  for (let i = 0; i < predicted.length; i++) {
    const group = groups.get(predicted[i]!);
    if (!group) groups.set(predicted[i]!, { size: 1, label: truth[i]! });
    else {
      group.size++;
      if (group.label !== truth[i]) group.label = null;
    }
  }
  let correct = 0;
  for (const { size, label } of groups.values()) {
    if (label !== null && truthSize.get(label) === size) correct += size;
  }
  return correct / truth.length;
}
