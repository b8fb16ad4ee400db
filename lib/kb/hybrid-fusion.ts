/**
 * Fuses the keyword and vector rankings of one query into one. Weighted fusion of
 * max-normalised scores: BM25 is divided by the best BM25 score of the query and the cosine by
 * the best cosine, so both lie in [0, 1] and the weight says how much each signal counts. The
 * weights are chosen by cross-validation in the retrieval benchmark
 * (tests/bench/kb-retrieval.bench.ts) and are the same for every query.
 */

export interface FusionWeights {
  keyword: number;
  vector: number;
}

/** Equal weights: what leave-one-out CV on the retrieval dev set picked from 0.5 / 0.7 / 0.85 keyword. */
export const DEFAULT_FUSION: FusionWeights = { keyword: 0.5, vector: 0.5 };

export interface FusedCandidate {
  slot: number;
  score: number;
  keywordScore: number;
  vectorScore: number;
}

export function fuseScores(
  keyword: Map<number, number>,
  vector: { slot: number; score: number }[],
  weights: FusionWeights = DEFAULT_FUSION,
): FusedCandidate[] {
  let maxKeyword = 0;
  for (const s of keyword.values()) maxKeyword = Math.max(maxKeyword, s);
  let maxVector = 0;
  for (const v of vector) maxVector = Math.max(maxVector, v.score);
  const vectorBySlot = new Map(vector.map((v) => [v.slot, v.score]));
  const slots = new Set<number>([...keyword.keys(), ...vectorBySlot.keys()]);
  const fused: FusedCandidate[] = [];
  for (const slot of slots) {
    const keywordScore = keyword.get(slot) ?? 0;
    const vectorScore = vectorBySlot.get(slot) ?? 0;
    const score =
      (maxKeyword > 0 ? (weights.keyword * keywordScore) / maxKeyword : 0) +
      (maxVector > 0 ? (weights.vector * Math.max(0, vectorScore)) / maxVector : 0);
    fused.push({ slot, score, keywordScore, vectorScore });
  }
  return fused.sort((a, b) => b.score - a.score || a.slot - b.slot);
}
