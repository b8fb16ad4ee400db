/**
 * What the knowledge base is searched with before a turn. The engineer's message alone is
 * often too thin ("what is happening with checkout?" names no symptom a runbook would), so the
 * query also carries the case title, the problem statement, and the error signatures found in
 * the evidence: the lines a runbook's Symptoms section is written to match. The search is
 * local, so nothing here reaches a model; the model's own `search_knowledge` tool calls are
 * searched as the model wrote them.
 *
 * Each line of the query is searched on its own (`searchEachLine`): one runbook rarely covers
 * every symptom of an incident, and the knowledge base's `confident` verdict is calibrated for
 * one symptom at a time.
 */
import type { KbHit, KbSearchResult } from '@/lib/kb/types';

const ERROR_LINE =
  /\b(error|errors|exception|fatal|panic|fail(?:ed|ure|ing)?|oomkilled|outofmemory|out of memory|timed? ?out|refused|denied|unavailable|crash\w*|evicted|throttl\w*|5xx)\b/i;
const MAX_SIGNATURES = 6;
/** Fewer words than this ("Error rate") says too little to pick a runbook by. */
const MIN_SIGNATURE_WORDS = 3;
const MAX_SIGNATURE_CHARS = 160;
const MAX_LINES_SCANNED = 5_000;
const MAX_QUERY_CHARS = 1_200;

export interface KnowledgeQueryInput {
  title: string;
  /** The confirmed problem statement, else the proposed one. */
  problem: string | null;
  question: string;
  /** Evidence texts, most recent first. */
  evidenceTexts: string[];
}

/** A log or page line reduced to its wording: no timestamps, numbers, ids or punctuation runs. */
export function errorSignature(line: string): string {
  return line
    .replace(/\b\d{4}-\d{2}-\d{2}[T ][\d:.,]+Z?\b/g, ' ')
    .replace(/[\w-]*\d[\w-]*/g, ' ')
    .replace(/\b[0-9a-f]{7,}\b/gi, ' ')
    .replace(/[^\p{L}\s.:/_-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SIGNATURE_CHARS);
}

/** Distinct error signatures across the evidence, first seen first. */
export function evidenceErrorSignatures(texts: string[], max = MAX_SIGNATURES): string[] {
  const seen = new Set<string>();
  for (const text of texts) {
    let scanned = 0;
    for (const line of text.split('\n')) {
      if (++scanned > MAX_LINES_SCANNED || seen.size >= max) break;
      if (!ERROR_LINE.test(line)) continue;
      const signature = errorSignature(line);
      if (signature.split(' ').length >= MIN_SIGNATURE_WORDS) seen.add(signature);
    }
    if (seen.size >= max) break;
  }
  return [...seen];
}

export function knowledgeQuery(input: KnowledgeQueryInput): string {
  const parts = [input.question.trim(), input.problem?.trim() ?? '', input.title.trim(), ...evidenceErrorSignatures(input.evidenceTexts)];
  const distinct = [...new Set(parts.filter(Boolean))];
  return distinct.join('\n').slice(0, MAX_QUERY_CHARS);
}

/**
 * Searches every line of `query` and keeps the confident hits, best score first, one per
 * document. When no line is confident the first line's (the question's) result is returned,
 * so "no confident match" still means what it says.
 */
export async function searchEachLine(search: (line: string) => Promise<KbSearchResult>, query: string, k = 4): Promise<KbSearchResult> {
  const lines = [...new Set(query.split('\n').map((l) => l.trim()).filter(Boolean))];
  if (lines.length === 0) return { hits: [], confident: false, confidence: 0 };
  const results = await Promise.all(lines.map((line) => search(line)));
  const best = new Map<string, KbHit>();
  let confidence = 0;
  for (const result of results) {
    if (!result.confident) continue;
    confidence = Math.max(confidence, result.confidence);
    for (const hit of result.hits) {
      const held = best.get(hit.document.id);
      if (!held || hit.score > held.score) best.set(hit.document.id, hit);
    }
  }
  if (best.size === 0) return results[0]!;
  const hits = [...best.values()].sort((a, b) => b.score - a.score).slice(0, k);
  return { hits, confident: true, confidence };
}
