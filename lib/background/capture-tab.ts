import { browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceRecord, EvidenceSource } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { extractPageContent, type ExtractedPage } from '@/lib/evidence/extract-page';
import { capturableUrlProblem } from '@/lib/evidence/capturable-url';
import { addEvidence } from '@/lib/evidence/evidence-service';

export const MAX_PAGE_CHARS = 40_000;

/** Runs the generic extractor in a tab and returns what it read. */
export async function extractTab(tabId: number): Promise<ExtractedPage> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) throw new FaultMavenError('not-found', 'That tab is gone');
  const problem = capturableUrlProblem(tab.url);
  if (problem) throw new FaultMavenError('unsupported-page', problem);
  let results;
  try {
    results = await browser.scripting.executeScript({
      target: { tabId },
      func: extractPageContent,
      args: [MAX_PAGE_CHARS],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/permission|cannot access|missing host/i.test(message)) {
      throw new FaultMavenError(
        'permission-denied',
        `FaultMaven has no access to ${new URL(tab.url!).host}. Allow it when asked, then capture again.`,
      );
    }
    throw new FaultMavenError('internal', `Could not read the page: ${message}`);
  }
  const page = results?.[0]?.result as ExtractedPage | undefined;
  if (!page || typeof page.text !== 'string') throw new FaultMavenError('internal', 'The page returned nothing readable');
  return page;
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
    provenance: { url: page.url, pageTitle: page.title, extractor: 'generic', source },
  });
}
