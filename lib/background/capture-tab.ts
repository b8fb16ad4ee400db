import { browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceRecord, EvidenceSource } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { extractPageContent } from '@/lib/evidence/extract-page';
import type { PageCapture } from '@/lib/sites/capture-in-page';
import { capturableUrlProblem } from '@/lib/evidence/capturable-url';
import { addEvidence } from '@/lib/evidence/evidence-service';

export const MAX_PAGE_CHARS = 40_000;

/**
 * Calls the function the `capture` script installed; serialised, so it names the global itself.
 * It returns a promise (it lets a changing page settle first), which executeScript awaits.
 */
function runInstalledCapture(maxChars: number, nowMs: number): Promise<PageCapture> | null {
  const fn = (globalThis as Record<string, unknown>).__faultmavenCapture;
  return typeof fn === 'function' ? (fn as (m: number, n: number) => Promise<PageCapture>)(maxChars, nowMs) : null;
}

/** Reads a tab: a site adapter when one recognises the page, else the generic extractor. */
export async function extractTab(tabId: number): Promise<PageCapture> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) throw new FaultMavenError('not-found', 'That tab is gone');
  const problem = capturableUrlProblem(tab.url);
  if (problem) throw new FaultMavenError('unsupported-page', problem);
  let results;
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
    results = await browser.scripting.executeScript({ target: { tabId }, func: runInstalledCapture, args: [MAX_PAGE_CHARS, Date.now()] });
    if (!results?.[0]?.result) {
      // The bundled script could not install itself (page CSP quirks, a frozen document):
      // the self-contained generic extractor still reads the page.
      results = await browser.scripting.executeScript({ target: { tabId }, func: extractPageContent, args: [MAX_PAGE_CHARS] });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/permission|cannot access|missing host/i.test(message)) {
      throw new FaultMavenError(
        'permission-denied',
        `FaultMaven has no access to ${new URL(tab.url!).host}. Allow it when asked, then capture again.`,
      );
    }
    if (/frame (was|is) removed|unload|navigat|no frame with id|document.*(gone|closed)/i.test(message)) {
      // The tab left the page (a full navigation) between the click and the read: nothing half-read is stored.
      throw new FaultMavenError('internal', 'The page navigated away while it was being captured; nothing was stored. Capture again once it has loaded.');
    }
    throw new FaultMavenError('internal', `Could not read the page: ${message}`);
  }
  const page = results?.[0]?.result as PageCapture | undefined;
  if (!page || typeof page.text !== 'string') throw new FaultMavenError('internal', 'The page returned nothing readable');
  return { ...page, adapterFailures: page.adapterFailures ?? [] };
}

export async function captureTabAsEvidence(
  db: FaultMavenDB,
  caseId: string,
  tabId: number,
  source: EvidenceSource,
): Promise<EvidenceRecord> {
  const page = await extractTab(tabId);
  return addEvidence(db, {
    caseId,
    kind: 'page',
    title: page.title,
    text: page.text,
    truncated: page.truncated,
    provenance: { url: page.url, pageTitle: page.title, extractor: page.structured?.pageKind ?? 'generic', source },
    ...(page.structured ? { structured: page.structured } : {}),
  });
}
