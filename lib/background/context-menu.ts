import { browser, type Browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceRecord } from '@/lib/db/records';
import { ensureActiveCase } from '@/lib/cases/case-service';
import { addEvidence, MAX_IMAGE_BYTES } from '@/lib/evidence/evidence-service';
import { captureTabAsEvidence } from './capture-tab';

export const ADD_EVIDENCE_MENU_ID = 'fm-add-evidence';

/** The part of `contextMenus.OnClickData` we use; also what the e2e hook passes in. */
export interface ContextClick {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
  linkText?: string;
  srcUrl?: string;
  mediaType?: string;
  pageUrl?: string;
}

export function createContextMenu(): void {
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({
      id: ADD_EVIDENCE_MENU_ID,
      title: 'Add as evidence',
      contexts: ['selection', 'link', 'image', 'page'],
    });
  });
}

function blobToDataUrl(bytes: ArrayBuffer, type: string): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

async function fetchImage(url: string): Promise<string | undefined> {
  if (url.startsWith('data:image/')) return url.length <= MAX_IMAGE_BYTES * 1.4 ? url : undefined;
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) return undefined;
    const blob = await response.blob();
    if (!blob.type.startsWith('image/') || blob.size > MAX_IMAGE_BYTES) return undefined;
    return blobToDataUrl(await blob.arrayBuffer(), blob.type);
  } catch {
    // Cross-origin images we may not read are kept as a link instead.
    return undefined;
  }
}

/**
 * Stores what the user right-clicked on the active case (creating one if there is none).
 * The most specific target wins: a selection inside a link is a selection.
 */
export async function handleContextClick(
  db: FaultMavenDB,
  info: ContextClick,
  tab: { id?: number; title?: string; url?: string; windowId?: number } | undefined,
): Promise<EvidenceRecord | undefined> {
  if (info.menuItemId !== ADD_EVIDENCE_MENU_ID) return undefined;
  const pageUrl = info.pageUrl ?? tab?.url;
  const pageTitle = tab?.title;
  // The case shown in this window's side panel: with several incidents open, each window has its own.
  const kase = await ensureActiveCase(db, `Investigation: ${pageTitle || pageUrl || 'new incident'}`, tab?.windowId);
  const provenance = { url: pageUrl, pageTitle, extractor: 'context-menu', source: 'context-menu' as const };

  if (info.selectionText) {
    return addEvidence(db, {
      caseId: kase.id,
      kind: 'selection',
      title: `Selection from ${pageTitle || pageUrl || 'a page'}`,
      text: info.selectionText,
      provenance,
    });
  }
  if (info.mediaType === 'image' && info.srcUrl) {
    const imageDataUrl = await fetchImage(info.srcUrl);
    return addEvidence(db, {
      caseId: kase.id,
      kind: 'image',
      title: `Image from ${pageTitle || pageUrl || 'a page'}`,
      text: `Image: ${info.srcUrl.startsWith('data:') ? '(inline image)' : info.srcUrl}${imageDataUrl ? '' : ' (not readable, kept as a link)'}`,
      provenance: { ...provenance, mimeType: imageDataUrl?.slice(5, imageDataUrl.indexOf(';')) },
      ...(imageDataUrl ? { imageDataUrl } : {}),
    });
  }
  if (info.linkUrl) {
    return addEvidence(db, {
      caseId: kase.id,
      kind: 'link',
      title: info.linkText ? `Link: ${info.linkText}` : `Link: ${info.linkUrl}`,
      text: `${info.linkText ? `${info.linkText}\n` : ''}${info.linkUrl}`,
      provenance,
    });
  }
  if (tab?.id === undefined) throw new Error('No tab to capture');
  return captureTabAsEvidence(db, kase.id, tab.id, 'context-menu');
}

/** A short badge on the toolbar icon confirms a capture without opening anything. */
export async function flashBadge(text: string, color: string): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeBackgroundColor({ color });
  await action.setBadgeText({ text });
  setTimeout(() => void action.setBadgeText({ text: '' }), 2500);
}

export function listenForContextClicks(db: FaultMavenDB, ready: () => Promise<void>): void {
  browser.contextMenus.onClicked.addListener((info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    void ready()
      .then(() => handleContextClick(db, info as ContextClick, tab))
      .then(
        () => flashBadge('+1', '#16a34a'),
        (error: unknown) => {
          console.error('FaultMaven: could not add evidence', error);
          return flashBadge('!', '#dc2626');
        },
      );
  });
}
