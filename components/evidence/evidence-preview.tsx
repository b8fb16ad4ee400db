import type { EvidenceRecord } from '@/lib/db/records';

const PREVIEW_CHARS = 240;

/** The first lines of an item, so the list can be scanned without opening each one. */
export function evidencePreview(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join('\n');
  return lines.length > PREVIEW_CHARS ? `${lines.slice(0, PREVIEW_CHARS - 1)}…` : lines;
}

export function EvidencePreview({ item }: { item: EvidenceRecord }) {
  // Image evidence shows the image itself; a page with a site summary already says what it is.
  if (item.imageDataUrl || !item.text.trim()) return null;
  return (
    <p className="mt-1 line-clamp-3 font-mono text-[11px] whitespace-pre-line text-slate-600 dark:text-slate-400" data-testid="evidence-preview">
      {evidencePreview(item.text)}
    </p>
  );
}
