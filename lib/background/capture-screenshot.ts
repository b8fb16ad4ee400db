import { browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { capturableUrlProblem } from '@/lib/evidence/capturable-url';
import { SCREENSHOT_ORIGINS, screenshotFailure } from './capture-screenshot-permission';

/** Captures what is visible in a window's active tab as image evidence. */
export async function captureScreenshotAsEvidence(db: FaultMavenDB, caseId: string, windowId?: number): Promise<EvidenceRecord> {
  const [tab] = await browser.tabs.query(windowId === undefined ? { active: true, lastFocusedWindow: true } : { active: true, windowId });
  if (!tab?.windowId) throw new FaultMavenError('not-found', 'There is no tab to take a screenshot of');
  const problem = capturableUrlProblem(tab.url);
  if (problem) throw new FaultMavenError('unsupported-page', problem);
  let dataUrl: string;
  try {
    // JPEG keeps a full-HD screenshot well under the image cap; PNG often is not.
    dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'jpeg', quality: 80 });
  } catch (error) {
    const granted = await browser.permissions.contains({ origins: SCREENSHOT_ORIGINS }).catch(() => false);
    const failure = screenshotFailure(error instanceof Error ? error.message : String(error), granted);
    throw new FaultMavenError(failure.code, failure.message);
  }
  return addEvidence(db, {
    caseId,
    kind: 'image',
    title: `Screenshot: ${tab.title || tab.url || 'tab'}`,
    text: `Screenshot of ${tab.url ?? 'the visible tab'}`,
    imageDataUrl: dataUrl,
    provenance: { url: tab.url, pageTitle: tab.title, extractor: 'screenshot', source: 'sidepanel' },
  });
}
