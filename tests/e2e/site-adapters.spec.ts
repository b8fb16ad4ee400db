import fs from 'node:fs';
import type { Page, Worker } from '@playwright/test';
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

test('uploads a large log (whole file condensed, head and tail kept), an image, a non-UTF-8 log, and refuses a binary file', async ({ extPage }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-upload-'));
  const log = path.join(dir, 'checkout.log');
  const fd = fs.openSync(log, 'w');
  fs.writeSync(fd, 'FIRST 2026-11-24T12:00:00Z INFO checkout started\n');
  const block = '2026-11-24T12:30:00Z INFO GET /api/cart 200 12ms\n'.repeat(20_000);
  for (let i = 0; i < 25; i++) {
    fs.writeSync(fd, block); // ~25 MB in all
    // Errors only in the middle: neither the head nor the tail kept verbatim holds them.
    if (i === 12) fs.writeSync(fd, '2026-11-24T12:31:00Z ERROR db pool exhausted: 50 of 50 connections in use\n'.repeat(500));
  }
  fs.writeSync(fd, '2026-11-24T12:59:59Z ERROR payment authorization failed: context deadline exceeded\n');
  fs.closeSync(fd);
  const png = path.join(dir, 'graph.png');
  fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
  const latin1 = path.join(dir, 'latin1.log');
  fs.writeFileSync(latin1, Buffer.concat([Buffer.from('2026-11-24T12:00:00Z WARN caf'), Buffer.from([0xe9, 0x20, 0xff]), Buffer.from(' pool low\n')]));
  const bin = path.join(dir, 'core.dump.log');
  fs.writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));

  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'upload');
  await panel.getByRole('tab', { name: /Evidence/ }).click();
  await panel.getByTestId('file-upload-input').setInputFiles([log, png, latin1, bin]);
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'core.dump.log' })).toHaveAttribute('data-status', 'refused', { timeout: 30_000 });
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'core.dump.log' })).toContainText('looks binary');
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'checkout.log' })).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'checkout.log' })).toContainText('large log: all 500,502 lines condensed to');
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'graph.png' })).toHaveAttribute('data-status', 'done');
  // Invalid UTF-8 is kept (replaced with �), counted, and said so — not refused, not lost.
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'latin1.log' })).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('upload-item').filter({ hasText: 'latin1.log' })).toContainText('2 invalid UTF-8 sequences replaced');

  const file = panel.locator('[data-testid="evidence-item"][data-kind="file"]').filter({ hasText: 'checkout.log' });
  await expect(file).toContainText(/checkout\.log \(text\/[\w-]+, 2\d\.\d MB\)/);
  await expect(file).toContainText('shortened');
  await file.getByRole('button', { name: 'checkout.log', exact: true }).click();
  await expect(file.locator('pre')).toContainText('FIRST 2026-11-24T12:00:00Z INFO checkout started');
  await expect(file.locator('pre')).toContainText('ERROR payment authorization failed');
  await expect(file.locator('pre')).toContainText('omitted: only the start and the end are kept');
  await expect(file.locator('pre')).toContainText('## Condensed log (whole file)');
  await expect(file.locator('pre')).toContainText(/T\d+ ×500 ERROR, new at 2026-11-24T12:31:00Z: db pool exhausted/);
  await expect(panel.locator('[data-testid="evidence-item"][data-kind="image"]')).toContainText('graph.png');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a 50,000-node page is captured within the size cap and marked shortened, adapter or generic', async ({ context, sw, extPage, pages }) => {
  const panel = await extPage('sidepanel.html');
  await createCaseInPanel(panel, 'huge pages');
  const caseId = await sw.evaluate(async () => (await (globalThis as any).__fmTest.db.settings.get('activeCaseId')).value as string);
  const grow = (page: Page) =>
    page.evaluate(() => {
      // 10,000 rows × 5 elements: over 50,000 DOM nodes.
      const rows: string[] = [];
      for (let i = 0; i < 10_000; i++) rows.push(`<tr><td>pod-${i}</td><td>${i % 17}</td><td>${i % 3 ? 'Running' : 'CrashLoopBackOff'}</td><td>node-${i % 40}</td></tr>`);
      const table = `<table><thead><tr><th>pod</th><th>restarts</th><th>status</th><th>node</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
      (document.querySelector('[data-testid="data-testid panel content"]') ?? document.body).insertAdjacentHTML('beforeend', table);
      return document.getElementsByTagName('*').length;
    });
  for (const url of [siteFixtureServedUrl(pages.url, 'grafana-dashboard', 'checkout-overview'), `${pages.url}/grafana-checkout.html`]) {
    const page = await context.newPage();
    await page.goto(url);
    expect(await grow(page)).toBeGreaterThan(50_000);
    const tab = await tabIdOf(sw, page.url());
    const reply = await panel.evaluate(
      ([c, t]) => chrome.runtime.sendMessage({ fm: 'command', name: 'evidence/capture-tab', payload: { caseId: c, tabId: t } }),
      [caseId, tab.id] as const,
    );
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    expect(reply.value.text.length).toBeLessThanOrEqual(40_000 + 400);
    expect(reply.value.text.length).toBeGreaterThan(1_000);
    if (reply.value.structured) {
      // The adapter caps big tables itself and says how many rows it left out.
      expect(reply.value.structured.pageKind).toBe('grafana-dashboard');
      expect(reply.value.text).toContain('pod-0');
    } else {
      expect(reply.value.truncated).toBe(true);
      expect(reply.value.text).toMatch(/…\[truncated\]$/);
      expect(reply.value.text).toContain('CheckoutHighErrorRate');
    }
    await page.close();
  }
});
