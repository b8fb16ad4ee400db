/*
 * Makes the sources an answer cites clickable: "[E2]" (an evidence item) and "[K1]" (a
 * knowledge-base hit), also written together as "[E1, E3]". A remark plugin over the Markdown
 * tree: only plain text is touched, so code spans, code blocks and real links stay as written.
 * Each label becomes a link to `#cite-E2`, which the Markdown view renders as a button.
 */

export const CITATION_HREF_PREFIX = '#cite-';
const GROUP = /\[((?:[EK]\d{1,4})(?:\s*,\s*[EK]\d{1,4})*)\]/g;

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

/** Splits one text into text and citation-link nodes (unchanged when it cites nothing). */
export function splitCitations(text: string): MdNode[] {
  const out: MdNode[] = [];
  let last = 0;
  for (const match of text.matchAll(GROUP)) {
    if (match.index > last) out.push({ type: 'text', value: text.slice(last, match.index) });
    const labels = match[1]!.split(',').map((l) => l.trim());
    out.push({ type: 'text', value: '[' });
    labels.forEach((label, i) => {
      if (i > 0) out.push({ type: 'text', value: ', ' });
      out.push({ type: 'link', url: `${CITATION_HREF_PREFIX}${label}`, children: [{ type: 'text', value: label }] });
    });
    out.push({ type: 'text', value: ']' });
    last = match.index + match[0].length;
  }
  if (last === 0) return [{ type: 'text', value: text }];
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

function walk(node: MdNode): void {
  if (!node.children || node.type === 'link' || node.type === 'linkReference') return;
  const next: MdNode[] = [];
  for (const child of node.children) {
    if (child.type === 'text' && child.value && child.value.includes('[')) next.push(...splitCitations(child.value));
    else {
      walk(child);
      next.push(child);
    }
  }
  node.children = next;
}

/** The remark plugin (`remarkPlugins={[remarkCitations]}`). */
export function remarkCitations() {
  return (tree: unknown) => walk(tree as MdNode);
}

/** "E2" from "#cite-E2", or null for an ordinary link. */
export function citationLabel(href: string | undefined): string | null {
  return href?.startsWith(CITATION_HREF_PREFIX) ? href.slice(CITATION_HREF_PREFIX.length) : null;
}
