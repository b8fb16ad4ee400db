/**
 * Generic page extractor. It runs INSIDE the captured page through
 * `scripting.executeScript({ func })`, which serialises the function's source: it must not
 * use imports or anything outside its own body.
 *
 * It turns the visible DOM into readable Markdown-ish text: headings, key/value pairs,
 * tables kept as tables, and alerts/errors first, because on a console page the firing alert
 * is what the engineer is looking at.
 */
export interface ExtractedPage {
  url: string;
  title: string;
  text: string;
  truncated: boolean;
  alerts: string[];
}

export function extractPageContent(maxChars: number): ExtractedPage {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'HEAD']);
  const BLOCK = /^(P|DIV|SECTION|ARTICLE|MAIN|ASIDE|HEADER|FOOTER|LI|UL|OL|DL|DT|DD|PRE|BLOCKQUOTE|FORM|FIELDSET|TR|H[1-6]|NAV|FIGURE|FIGCAPTION|DETAILS|SUMMARY)$/;
  const ALERTISH = /\b(firing|critical|error|errors|exception|failed|failing|failure|timeout|timed out|unhealthy|degraded|outage|down|alarm|panic|fatal|5\d\d)\b/i;

  function hidden(el: Element): boolean {
    if (el.getAttribute('aria-hidden') === 'true' || (el as HTMLElement).hidden) return true;
    const style = el.ownerDocument.defaultView?.getComputedStyle(el);
    return !!style && (style.display === 'none' || style.visibility === 'hidden');
  }

  function clean(s: string): string {
    return s.replace(/\s+/g, ' ').trim();
  }

  function cellText(cell: Element): string {
    return clean(cell.textContent ?? '').replace(/\|/g, '\\|');
  }

  function tableToMarkdown(table: HTMLTableElement): string {
    const rows = Array.from(table.rows).filter((r) => !hidden(r));
    if (rows.length === 0) return '';
    const matrix = rows.map((r) => Array.from(r.cells).map(cellText));
    const width = Math.max(...matrix.map((r) => r.length));
    const pad = (r: string[]) => [...r, ...Array(width - r.length).fill('')];
    const [head, ...body] = matrix.map(pad);
    const lines = [`| ${head!.join(' | ')} |`, `| ${Array(width).fill('---').join(' | ')} |`];
    for (const r of body) lines.push(`| ${r.join(' | ')} |`);
    return lines.join('\n');
  }

  const out: string[] = [];
  let line = '';
  const flush = () => {
    const t = clean(line);
    if (t) out.push(t);
    line = '';
  };

  function walk(node: Node): void {
    if (node.nodeType === Node.TEXT_NODE) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (SKIP.has(el.tagName.toUpperCase()) || hidden(el)) return;
    const tag = el.tagName.toUpperCase();
    if (tag === 'TABLE') {
      flush();
      const md = tableToMarkdown(el as HTMLTableElement);
      if (md) out.push(md);
      return;
    }
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
      const value = (el as HTMLInputElement).value;
      const label = el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.getAttribute('placeholder') ?? '';
      if (value && (el as HTMLInputElement).type !== 'password') line += ` ${label ? `${label}: ` : ''}${value} `;
      return;
    }
    if (tag === 'BR') {
      flush();
      return;
    }
    const block = BLOCK.test(tag);
    if (block) flush();
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) line += `${'#'.repeat(Number(heading[1]))} `;
    if (tag === 'LI') line += '- ';
    if (tag === 'PRE') {
      out.push('```\n' + (el.textContent ?? '').trimEnd() + '\n```');
      return;
    }
    for (const child of Array.from(el.childNodes)) walk(child);
    if (block) flush();
    else line += ' ';
  }

  const doc = document;
  const alerts: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('[role="alert"], [role="alertdialog"], [aria-live="assertive"]'))) {
    if (hidden(el)) continue;
    const t = clean(el.textContent ?? '');
    if (t && !alerts.includes(t)) alerts.push(t);
  }

  if (doc.body) walk(doc.body);
  flush();

  // Lines that look like errors go first (once), then the page in reading order.
  const errorLines = out.filter((l) => ALERTISH.test(l) && l.length < 400 && !l.startsWith('|')).slice(0, 20);
  const parts: string[] = [];
  if (alerts.length) parts.push('## Alerts on the page\n' + alerts.map((a) => `- ${a}`).join('\n'));
  if (errorLines.length) parts.push('## Error-like lines\n' + errorLines.map((l) => `- ${l}`).join('\n'));
  parts.push('## Page content\n' + out.join('\n'));

  let text = parts.join('\n\n');
  let truncated = false;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars) + '\n…[truncated]';
    truncated = true;
  }
  const description = doc.querySelector('meta[name="description"]')?.getAttribute('content');
  if (description) text = `> ${clean(description)}\n\n${text}`;
  return { url: location.href, title: clean(doc.title || location.href), text, truncated, alerts };
}
