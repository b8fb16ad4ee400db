/**
 * Converts an uploaded HTML page (an exported wiki runbook, a saved post-mortem) into the
 * Markdown-like text the knowledge base chunks by heading. Runs in the dashboard page, which
 * has a DOM; scripts, styles and navigation are dropped, headings keep their level.
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV', 'HEADER', 'FOOTER', 'SVG', 'IFRAME']);
const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'TABLE', 'TR', 'UL', 'OL', 'DL', 'DT', 'DD', 'FIGURE']);

export function htmlToMarkdown(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const lines: string[] = [];
  const title = doc.querySelector('title')?.textContent?.trim();
  if (title && !doc.querySelector('h1')) lines.push(`# ${title}`, '');

  const walk = (node: Node, out: string[]) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        out.push(child.textContent ?? '');
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIP.has(tag)) continue;
      const heading = /^H([1-6])$/.exec(tag);
      if (heading) {
        out.push(`\n\n${'#'.repeat(Number(heading[1]))} ${collapse(el.textContent ?? '')}\n\n`);
      } else if (tag === 'PRE') {
        out.push(`\n\n\`\`\`\n${el.textContent ?? ''}\n\`\`\`\n\n`);
      } else if (tag === 'LI') {
        out.push('\n- ');
        walk(el, out);
      } else if (tag === 'BR') {
        out.push('\n');
      } else if (tag === 'TD' || tag === 'TH') {
        walk(el, out);
        out.push(' | ');
      } else if (BLOCKS.has(tag)) {
        out.push('\n\n');
        walk(el, out);
        out.push('\n\n');
      } else {
        walk(el, out);
      }
    }
  };
  const parts: string[] = [];
  walk(doc.body, parts);
  const text = parts
    .join('')
    .split('\n')
    .map((line) => (line.startsWith('```') ? line : line.replace(/[ \t]+/g, ' ').trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return [...lines, text].join('\n').trim();
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
