import { clean, notices, readTable, tableToMarkdown, type TableData } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import type { AbsoluteTimeRange, AdapterOutput, EntityRef } from '../types';

/**
 * Reading the AWS Console. Its pages are built with Cloudscape, whose class names carry a
 * stable `awsui_<component>` prefix followed by a build hash (`awsui_key-label_1y6jd_…`), so
 * selectors match on the prefix only.
 */

export function awsRegion(url: URL): string {
  return url.searchParams.get('region') ?? /^([a-z]{2}(-gov)?-[a-z]+-\d)\./.exec(url.hostname)?.[1] ?? '';
}

/** The hash route without its leading `#`, with the console's `$XX` escapes decoded. */
export function awsHashRoute(url: URL): string {
  const raw = url.hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw.replace(/\$/g, '%'));
  } catch {
    return raw;
  }
}

export function awsHeading(doc: Document): string {
  return clean(doc.querySelector('h1 [class*="awsui_heading-text"], [class*="awsui_heading-text"], h1')?.textContent);
}

/** Key/value pairs of Cloudscape details containers ("Status: In alarm"). */
export function awsKeyValues(root: ParentNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const label of Array.from(root.querySelectorAll('[class*="awsui_key-label"], .awsui-util-label'))) {
    const key = clean(label.textContent);
    const valueEl = label.nextElementSibling ?? label.parentElement?.nextElementSibling;
    const value = clean(valueEl?.textContent);
    if (key && value && !(key in out)) out[key] = value;
  }
  return out;
}

export function awsNotices(doc: Document): string[] {
  return notices(doc, ['[class*="awsui_flash-message"]', '[class*="awsui_alert_"][role="alert"]', '[role="alert"]']);
}

/** Cloudscape tables, each with its container header ("Events (25)") when present. */
export function awsTables(doc: Document, maxRows = 100): { heading: string; table: TableData; total: number; empty: string }[] {
  return Array.from(doc.querySelectorAll('table[class*="awsui_table"], [class*="awsui_table"] table')).flatMap((el) => {
    const table = readTable(el, maxRows);
    if (!table) return [];
    const container = el.closest('[class*="awsui_container"], section');
    const heading = clean(container?.querySelector('[class*="awsui_heading-text"], h2, h3')?.textContent);
    const empty = clean(container?.querySelector('[class*="awsui_empty"]')?.textContent);
    const total = el.querySelectorAll('tbody tr').length;
    return [{ heading, table, total, empty }];
  });
}

/**
 * The common shape of a Cloudscape details page: heading, key/value details, tables, banners.
 * Page-kind adapters add what is specific to them (entities, time range, a title prefix).
 */
export function readAwsDetailsPage(
  doc: Document,
  url: URL,
  input: { heading: string; fallbackName: string; statusKeys: string[]; entities: EntityRef[]; timeRange?: AbsoluteTimeRange; extraKeyValues?: Record<string, string> },
): AdapterOutput {
  const name = awsHeading(doc) || input.fallbackName;
  const kv = awsKeyValues(doc);
  const status = input.statusKeys.map((k) => kv[k]).find(Boolean);
  const region = awsRegion(url);
  const keyValues: Record<string, string> = { ...kv, ...input.extraKeyValues, ...(region ? { Region: region } : {}) };
  const tables = awsTables(doc, 100);
  const notices = awsNotices(doc);
  const entities = dedupeEntities(input.entities);
  let text = new EvidenceText(`${input.heading}: ${name}`, url.href).notices(notices).summary(status, input.timeRange, entities).keyValues('Details', keyValues);
  for (const t of tables) text = text.section(t.heading || 'Table', t.table.rows.length ? tableToMarkdown(t.table, t.total) : t.empty || '(empty)');
  return { title: name, status, timeRange: input.timeRange, queries: [], entities, keyValues, notices, text: text.toString() };
}
