import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { createCase, getActiveCaseId } from '@/lib/cases/case-service';
import { ADD_EVIDENCE_MENU_ID, handleContextClick } from './context-menu';

let db: FaultMavenDB;
beforeEach(() => {
  db = createTestDb();
});
afterEach(async () => {
  await db.delete();
});

const tab = { id: 7, title: 'Grafana · Checkout', url: 'https://grafana.example/d/checkout' };
const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('"Add as evidence" context menu', () => {
  it('stores a selection on the active case with provenance', async () => {
    const kase = await createCase(db, { title: 'checkout 5xx', severity: 'sev1' });
    const item = await handleContextClick(db, { menuItemId: ADD_EVIDENCE_MENU_ID, selectionText: 'upstream connect error 503', pageUrl: tab.url }, tab);
    expect(item).toMatchObject({ caseId: kase.id, kind: 'selection', text: 'upstream connect error 503' });
    expect(item?.provenance).toMatchObject({ url: tab.url, pageTitle: tab.title, source: 'context-menu' });
  });

  it('creates a case named after the page when none is active', async () => {
    const item = await handleContextClick(db, { menuItemId: ADD_EVIDENCE_MENU_ID, linkUrl: 'https://status.example/incident/42', linkText: 'Incident 42' }, tab);
    const activeId = await getActiveCaseId(db);
    expect(item).toMatchObject({ caseId: activeId, kind: 'link', title: 'Link: Incident 42' });
    expect((await db.cases.get(activeId!))?.title).toBe('Investigation: Grafana · Checkout');
  });

  it('keeps images as images', async () => {
    await createCase(db, { title: 'x', severity: 'sev3' });
    const item = await handleContextClick(db, { menuItemId: ADD_EVIDENCE_MENU_ID, mediaType: 'image', srcUrl: PNG_1PX }, tab);
    expect(item).toMatchObject({ kind: 'image', imageDataUrl: PNG_1PX });
    expect(item?.provenance.mimeType).toBe('image/png');
  });

  it('ignores other menu items', async () => {
    expect(await handleContextClick(db, { menuItemId: 'something-else', selectionText: 'x' }, tab)).toBeUndefined();
    expect(await db.evidence.count()).toBe(0);
  });
});
