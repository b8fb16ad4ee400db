import { extractPageContent, type ExtractedPage } from '@/lib/evidence/extract-page';
import { captureSitePage } from './registry';
import type { StructuredEvidence } from './types';

export interface PageCapture extends ExtractedPage {
  /** Set when a site adapter recognised the page. */
  structured?: StructuredEvidence;
  /** Adapters that matched but failed; the generic text was used instead. */
  adapterFailures: { kind: string; message: string }[];
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

/** The global the unlisted script sets, so a second `executeScript({ func })` can call it with arguments. */
export const CAPTURE_GLOBAL = '__faultmavenCapture';
