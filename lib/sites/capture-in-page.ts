import { extractPageContent, type ExtractedPage } from '@/lib/evidence/extract-page';
import { captureSitePage } from './registry';
import { DEFAULT_SETTLE, liveNotice, readConsistently, REAL_CLOCK, waitForStablePage, type PageLiveness, type SettleClock, type SettleOptions } from './stable-snapshot';
import type { StructuredEvidence } from './types';

export interface PageCapture extends ExtractedPage {
  /** Set when a site adapter recognised the page. */
  structured?: StructuredEvidence;
  /** Adapters that matched but failed; the generic text was used instead. */
  adapterFailures: { kind: string; message: string }[];
  /** How settled the page was when read (captures through `capturePageWhenStable`). */
  liveness?: PageLiveness;
}

/**
 * Runs inside the captured page (bundled into the `capture` unlisted script). A site adapter
 * reads the page when one matches; otherwise, or when it fails, the generic extractor does.
 * `nowMs` comes from the extension so relative ranges resolve against the capture's own time.
 */
export function capturePage(maxChars: number, nowMs: number): PageCapture {
  const now = new Date(nowMs);
  let site: ReturnType<typeof captureSitePage> = { failures: [] };
  try {
    site = captureSitePage(document, new URL(location.href), now);
  } catch (error) {
    site = { failures: [{ kind: 'registry', message: error instanceof Error ? error.message : String(error) }] };
  }
  if (!site.structured) return { ...extractPageContent(maxChars), adapterFailures: site.failures };
  const s = site.structured;
  const truncated = s.text.length > maxChars;
  const text = truncated ? `${s.text.slice(0, maxChars)}\n…[truncated]` : s.text;
  return {
    url: location.href,
    title: s.title || document.title || location.href,
    text,
    truncated,
    alerts: s.notices,
    structured: { ...s, text },
    adapterFailures: site.failures,
  };
}

/**
 * What the extension runs in a tab: waits briefly for the page to settle, then reads it in one
 * synchronous pass (see stable-snapshot.ts). A page that never settles is read anyway and its
 * evidence starts with a note saying it was live and when the snapshot was taken.
 */
export async function capturePageWhenStable(
  maxChars: number,
  nowMs: number,
  settle: SettleOptions = DEFAULT_SETTLE,
  clock: SettleClock = REAL_CLOCK,
): Promise<PageCapture> {
  const liveness = await waitForStablePage(document, settle, clock);
  const capturedAtMs = nowMs + liveness.waitedMs;
  const { value: page } = readConsistently(document, () => capturePage(maxChars, capturedAtMs));
  const notice = liveNotice(liveness, capturedAtMs);
  if (!notice) return { ...page, liveness };
  const text = `[${notice}]\n\n${page.text}`;
  return {
    ...page,
    text,
    alerts: [...page.alerts, notice],
    ...(page.structured ? { structured: { ...page.structured, text, notices: [...page.structured.notices, notice] } } : {}),
    liveness,
  };
}

/** The global the unlisted script sets, so a second `executeScript({ func })` can call it with arguments. */
export const CAPTURE_GLOBAL = '__faultmavenCapture';
