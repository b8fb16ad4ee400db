/** Small DOM reading helpers shared by adapters. They never throw on missing elements. */

export function clean(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

export function textOf(root: ParentNode, selector: string): string {
  return clean(root.querySelector(selector)?.textContent);
}

export function textsOf(root: ParentNode, selector: string): string[] {
  return Array.from(root.querySelectorAll(selector))
    .map((el) => clean(el.textContent))
    .filter(Boolean);
}

/** Value of an input/textarea, else its text: query editors are either. */
export function fieldValue(el: Element | null): string {
  if (!el) return '';
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value.trim();
  return (el.textContent ?? '').trim();
}

export function firstMatch(root: ParentNode, selectors: string[]): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}

export interface TableData {
  headers: string[];
  rows: string[][];
}

/** Reads a <table> (or ARIA grid) into headers and rows, capped so huge tables stay cheap. */
export function readTable(table: Element | null, maxRows = 200): TableData | null {
  if (!table) return null;
  const rowEls = Array.from(table.querySelectorAll('tr, [role="row"]'));
  if (rowEls.length === 0) return null;
  const cellsOf = (row: Element) =>
    Array.from(row.querySelectorAll(':scope > th, :scope > td, :scope > [role="columnheader"], :scope > [role="cell"], :scope > [role="gridcell"]')).map(
      (c) => clean(c.textContent),
    );
  const [first, ...rest] = rowEls;
  const headers = cellsOf(first!);
  // Only the rows that will be kept are read: a 10,000-row table costs no more than a 200-row one.
  const rows: string[][] = [];
  for (const row of rest) {
    if (rows.length >= maxRows) break;
    const cells = cellsOf(row);
    if (cells.some(Boolean)) rows.push(cells);
  }
  return { headers, rows };
}

export function tableToMarkdown(t: TableData, totalRows?: number): string {
  const width = Math.max(t.headers.length, ...t.rows.map((r) => r.length));
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const pad = (r: string[]) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')].map(esc);
  const lines = [`| ${pad(t.headers).join(' | ')} |`, `| ${Array<string>(width).fill('---').join(' | ')} |`];
  for (const r of t.rows) lines.push(`| ${pad(r).join(' | ')} |`);
  if (totalRows !== undefined && totalRows > t.rows.length) lines.push(`…${totalRows - t.rows.length} more rows not shown`);
  return lines.join('\n');
}

/** Text of visible banners/alerts inside `root`. */
export function notices(root: ParentNode, selectors: string[]): string[] {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll(selectors.join(', ')))) {
    const t = clean(el.textContent);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A table row as one line, cells separated by spaces (textContent would glue them together). */
export function rowText(row: Element): string {
  const cells = Array.from(row.querySelectorAll(':scope > td, :scope > th, :scope > [role="cell"], :scope > [role="gridcell"]'));
  return cells.length ? cells.map((c) => clean(c.textContent)).filter(Boolean).join(' ') : clean(row.textContent);
}
