import { browser } from 'wxt/browser';
import type { KnowledgeCitation } from '@/lib/kb/format-knowledge';

/** Opens a runbook or post-mortem in the dashboard's knowledge base. */
export function openKnowledgeDocument(documentId: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html?doc=${encodeURIComponent(documentId)}#knowledge` as '/dashboard.html') });
}

/** Labels an answer cites, such as K1 in "[K1]" or "[E2, K1]". */
export function citedKnowledgeLabels(text: string): Set<string> {
  const labels = new Set<string>();
  for (const group of text.matchAll(/\[([^\]]{1,40})\]/g)) {
    for (const label of group[1]!.split(',')) if (/^\s*K\d+\s*$/i.test(label)) labels.add(label.trim().toUpperCase());
  }
  return labels;
}

function SourceButton({ citation }: { citation: KnowledgeCitation }) {
  return (
    <button
      type="button"
      className="text-left text-sky-700 underline dark:text-sky-400"
      title={`${citation.tier} knowledge: ${citation.source}`}
      onClick={() => openKnowledgeDocument(citation.documentId)}
    >
      [{citation.label}] {citation.citation}
    </button>
  );
}

/**
 * The runbooks an answer was given, as `[K1]` sources that open the knowledge base. Those the
 * answer cites are listed; the rest sit folded under "Runbooks consulted", because the same
 * runbooks travel with every turn of a case and would otherwise repeat under each answer. When
 * the search was not confident, its closest documents sit folded as "possibly related": the
 * model never saw them, and the summary says so.
 */
export function KnowledgeSources({ citations, answer }: { citations: KnowledgeCitation[]; answer: string }) {
  if (citations.length === 0) return null;
  const cited = citedKnowledgeLabels(answer);
  const given = citations.filter((c) => !c.weak);
  const nearMisses = citations.filter((c) => c.weak);
  const shown = given.filter((c) => cited.has(c.label.toUpperCase()));
  const folded = given.filter((c) => !cited.has(c.label.toUpperCase()));
  return (
    <div className="mt-0.5 px-1 text-[11px]" data-testid="knowledge-sources">
      {nearMisses.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
            Possibly related runbooks ({nearMisses.length}): no confident match, not given to the model
          </summary>
          <ul className="flex flex-col items-start" aria-label="Possibly related runbooks">
            {nearMisses.map((c) => (
              <li key={c.label}>
                <SourceButton citation={c} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {shown.length > 0 && (
        <ul className="flex flex-col items-start" aria-label="Knowledge sources">
          {shown.map((c) => (
            <li key={c.label}>
              <SourceButton citation={c} />
            </li>
          ))}
        </ul>
      )}
      {folded.length > 0 && (
        <details>
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
            {shown.length > 0 ? `Other runbooks consulted (${folded.length})` : `Runbooks consulted (${folded.length})`}
          </summary>
          <ul className="flex flex-col items-start" aria-label="Runbooks consulted">
            {folded.map((c) => (
              <li key={c.label}>
                <SourceButton citation={c} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
