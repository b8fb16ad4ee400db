import fs from 'node:fs';
import type { Worker } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { createCaseInPanel } from './actions';
import { siteFixtureNames, siteFixtureServedUrl } from '../support/site-fixtures';
import { SITE_ADAPTERS } from '../../lib/sites/registry';

async function tabIdOf(sw: Worker, url: string): Promise<{ id: number; url: string; title: string }> {
  return sw.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const t = tabs.find((x) => x.url === u)!;
    return { id: t.id!, url: t.url!, title: t.title! };
  }, url);
}

test('the side panel captures a Grafana dashboard as structured evidence', async ({ context, extPage, pages }) => {
  const url = siteFixtureServedUrl(pages.url, 'grafana-dashboard', 'checkout-overview');
  const grafana = await context.newPage();
  await grafana.goto(url);
  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'checkout errors');
  await expect(panel.getByText('Will capture: Checkout overview - Dashboards - Grafana')).toBeVisible();
  await panel.getByRole('button', { name: 'Capture page' }).click();
  await panel.getByRole('tab', { name: /Evidence/ }).click();
  const item = panel.getByTestId('evidence-item');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('evidence-page-kind')).toHaveText('grafana-dashboard');
  await expect(item.getByTestId('evidence-entities')).toContainText('service: checkout');
  await expect(item.getByTestId('evidence-entities')).toContainText('cluster: prod-eu-1');
  await item.getByRole('button', { name: 'Checkout overview', exact: true }).click();
  await expect(item.locator('pre')).toContainText('| checkout-7d9f8b6c5-x2lkp | 14 | OOMKilled |');
});

test('every adapter recognises its fixture page served on localhost', async ({ context, sw, extPage, pages }) => {
  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'all consoles');
  const caseId = await sw.evaluate(async () => (await (globalThis as any).__fmTest.db.settings.get('activeCaseId')).value as string);
  for (const adapter of SITE_ADAPTERS) {
    const name = siteFixtureNames(adapter.kind)[0]!;
    const url = siteFixtureServedUrl(pages.url, adapter.kind, name);
    const page = await context.newPage();
    await page.goto(url);
    const tab = await tabIdOf(sw, page.url());
    const reply = await panel.evaluate(
      ([c, t]) => chrome.runtime.sendMessage({ fm: 'command', name: 'evidence/capture-tab', payload: { caseId: c, tabId: t } }),
      [caseId, tab.id] as const,
    );
    expect(reply.ok, `${adapter.kind}: ${JSON.stringify(reply.error)}`).toBe(true);
    expect(reply.value.structured?.pageKind, adapter.kind).toBe(adapter.kind);
    expect(reply.value.provenance.extractor).toBe(adapter.kind);
    expect(reply.value.structured.capturedAt).toMatch(/Z$/);
    await page.close();
  }
  // A page no adapter knows still gets the generic extractor.
  const plain = await context.newPage();
  await plain.goto(`${pages.url}/grafana-checkout.html`);
  const tab = await tabIdOf(sw, plain.url());
  const reply = await panel.evaluate(
    ([c, t]) => chrome.runtime.sendMessage({ fm: 'command', name: 'evidence/capture-tab', payload: { caseId: c, tabId: t } }),
    [caseId, tab.id] as const,
  );
  expect(reply.value.provenance.extractor).toBe('generic');
  expect(reply.value.structured).toBeUndefined();
});

test('"Add as evidence" on a CloudWatch alarm page stores structured evidence', async ({ context, sw, extPage, pages }) => {
  const url = siteFixtureServedUrl(pages.url, 'cloudwatch-alarm', 'in-alarm');
  const aws = await context.newPage();
  await aws.goto(url);
  await expect
    .poll(() => sw.evaluate(() => new Promise((r) => chrome.contextMenus.update('fm-add-evidence', {}, () => r(!chrome.runtime.lastError)))))
    .toBe(true);
  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'alb 5xx');
  const tab = await tabIdOf(sw, aws.url());
  const kind = await sw.evaluate(
    ([i, t]) => (globalThis as any).__fmTest.handleContextClick(i, t).then((e: any) => e.structured?.pageKind),
    [{ pageUrl: tab.url }, tab] as const,
  );
  expect(kind).toBe('cloudwatch-alarm');
  await panel.getByRole('tab', { name: /Evidence/ }).click();
  const item = panel.getByTestId('evidence-item');
  await expect(item.getByTestId('evidence-page-kind')).toHaveText('cloudwatch-alarm');
  await expect(item.getByTestId('evidence-status')).toHaveText('State: In alarm');
  await expect(item).toContainText('context-menu');
});

test('uploads a large log (head and tail kept), an image, and refuses a binary file', async ({ extPage }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-upload-'));
  const log = path.join(dir, 'checkout.log');
  const fd = fs.openSync(log, 'w');
  fs.writeSync(fd, 'FIRST 2026-11-24T12:00:00Z INFO checkout started\n');
  const block = '2026-11-24T12:30:00Z INFO GET /api/cart 200 12ms\n'.repeat(20_000);
  for (let i = 0; i < 25; i++) fs.writeSync(fd, block); // ~25 MB
  fs.writeSync(fd, '2026-11-24T12:59:59Z ERROR payment authorization failed: context deadline exceeded\n');
  fs.closeSync(fd);
  const png = path.join(dir, 'graph.png');
  fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
  const bin = path.join(dir, 'core.dump.log');
  fs.writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));

  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'upload');
  await panel.getByRole('tab', { name: /Evidence/ }).click();
  await panel.getByTestId('file-upload-input').setInputFiles([log, png, bin]);
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'core.dump.log' })).toHaveAttribute('data-status', 'refused', { timeout: 30_000 });
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'core.dump.log' })).toContainText('looks binary');
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'checkout.log' })).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'graph.png' })).toHaveAttribute('data-status', 'done');

  const file = panel.locator('[data-testid="evidence-item"][data-kind="file"]');
  await expect(file).toContainText(/checkout\.log \(text\/[\w-]+, 2\d\.\d MB\)/);
  await expect(file).toContainText('shortened');
  await file.getByRole('button', { name: 'checkout.log', exact: true }).click();
  await expect(file.locator('pre')).toContainText('FIRST 2026-11-24T12:00:00Z INFO checkout started');
  await expect(file.locator('pre')).toContainText('ERROR payment authorization failed');
  await expect(file.locator('pre')).toContainText('omitted: only the start and the end are kept');
  await expect(panel.locator('[data-testid="evidence-item"][data-kind="image"]')).toContainText('graph.png');
  fs.rmSync(dir, { recursive: true, force: true });
});
