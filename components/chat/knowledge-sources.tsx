import { browser } from 'wxt/browser';
import type { KnowledgeCitation } from '@/lib/kb/format-knowledge';

/** Opens a runbook or post-mortem in the dashboard's knowledge base. */
export function openKnowledgeDocument(documentId: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html?doc=${encodeURIComponent(documentId)}#knowledge` as '/dashboard.html') });
}

/** The runbooks an answer was given, as `[K1]` sources that open the knowledge base. */
export function KnowledgeSources({ citations }: { citations: KnowledgeCitation[] }) {
  if (citations.length === 0) return null;
  return (
    <ul className="mt-0.5 flex flex-wrap gap-x-2 px-1 text-[11px]" aria-label="Knowledge sources" data-testid="knowledge-sources">
      {citations.map((c) => (
        <li key={c.label}>
          <button
            type="button"
            className="text-sky-700 underline dark:text-sky-400"
            title={`${c.tier} knowledge: ${c.source}`}
            onClick={() => openKnowledgeDocument(c.documentId)}
          >
            [{c.label}] {c.citation}
          </button>
        </li>
      ))}
    </ul>
  );
}
