import type { KbHit, KbSearchResult } from './types';

/**
 * Knowledge-base hits as the agent's prompt should carry them: each chunk in a
 * `<knowledge id="K1" …>` block the model can cite by label, with the text quoted as data
 * (user documents are as untrusted as captured pages). `citations` maps each label back to the
 * chunk and document, so the side panel can make "[K1]" in an answer clickable.
 */

export interface KnowledgeCitation {
  label: string;
  documentId: string;
  chunkId: string;
  title: string;
  /** `Title › Heading`, shown to the user. */
  citation: string;
  source: string;
  tier: string;
  /**
   * A near miss: the closest documents of a search that was not confident. Shown to the user as
   * "possibly related" (label R1, R2), never given to the model.
   */
  weak?: true;
}

/** How many near misses a non-confident search offers the user. */
export const WEAK_MATCHES_SHOWN = 2;

export interface FormattedKnowledge {
  text: string;
  citations: KnowledgeCitation[];
}

/** Neutralises anything in document text that could close the knowledge fence early. */
export function fenceKnowledge(text: string): string {
  return text.replace(/<\/?\s*knowledge\b[^>]*>/gi, (tag) => tag.replace(/</g, '‹').replace(/>/g, '›'));
}

export function formatKnowledge(result: KbSearchResult, budgetChars = 8_000): FormattedKnowledge {
  if (!result.confident || result.hits.length === 0) {
    // Weak matches are kept from the model on purpose: a wrong runbook quoted with authority
    // misleads more than none. The engineer still sees the closest ones, marked as such, and
    // can judge them: a right runbook whose wording differs from the alert's is often among them.
    const nearMisses = result.hits.slice(0, WEAK_MATCHES_SHOWN).map((hit, i): KnowledgeCitation => ({ ...citationOf(hit, `R${i + 1}`), weak: true }));
    return { text: 'The knowledge base has no confident match for this question.', citations: nearMisses };
  }
  const blocks: string[] = [];
  const citations: KnowledgeCitation[] = [];
  let used = 0;
  for (const hit of result.hits) {
    const room = budgetChars - used;
    if (room <= 200) break;
    const body = hit.chunk.text.length > room ? `${hit.chunk.text.slice(0, room)}\n…[shortened]` : hit.chunk.text;
    used += body.length;
    const label = `K${citations.length + 1}`;
    const attr = (value: string) => fenceKnowledge(value).replace(/"/g, "'");
    blocks.push(
      `<knowledge id="${label}" tier="${hit.document.tier}" source="${attr(hit.document.source)}" cite="${attr(hit.citation)}">\n${fenceKnowledge(body)}\n</knowledge>`,
    );
    citations.push(citationOf(hit, label));
  }
  return { text: blocks.join('\n\n'), citations };
}

function citationOf(hit: KbHit, label: string): KnowledgeCitation {
  return {
    label,
    documentId: hit.document.id,
    chunkId: hit.chunk.id,
    title: hit.document.title,
    citation: hit.citation,
    source: hit.document.source,
    tier: hit.document.tier,
  };
}
