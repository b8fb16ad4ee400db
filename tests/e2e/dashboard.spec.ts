import fs from 'node:fs';
import { test, expect } from './fixtures';
import { SECRET_PASSWORD, incidentCase } from '../support/incident-case';

/**
 * The dashboard's case tools in the built extension: a resolved case (seeded in the service
 * worker's database) shows its postmortem, downloads it as Markdown and as a JSON case file,
 * the JSON comes back in through Import as a second case, a bad file is refused with a reason,
 * and the case becomes a runbook in the knowledge base.
 */
test('postmortem preview, Markdown and JSON export, import, and save as runbook', async ({ sw, extPage }) => {
  test.setTimeout(120_000);
  const bundle = incidentCase();
  await sw.evaluate(async (b) => {
    const db = (globalThis as any).__fmTest.db;
    await db.cases.add({ ...b.kase, investigation: b.state });
    await db.messages.bulkAdd(b.messages);
    await db.evidence.bulkAdd(b.evidence);
  }, bundle);

  const dashboard = await extPage('dashboard.html');
  await dashboard.setViewportSize({ width: 1200, height: 900 });
  await dashboard.getByTestId('case-history').getByText(bundle.kase.title).click();
  const preview = dashboard.getByTestId('postmortem-preview');
  await expect(preview).toContainText('## Root cause');
  await expect(preview).toContainText('The 14:05 deploy cut the DB pool from 50 to 5');
  expect(await preview.textContent()).not.toContain(SECRET_PASSWORD);

  const [markdownDownload] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-markdown').click()]);
  expect(markdownDownload.suggestedFilename()).toBe('checkout-api-5xx-spike-after-14-05-deploy-postmortem.md');
  const markdown = fs.readFileSync((await markdownDownload.path())!, 'utf8');
  expect(markdown).toBe(await preview.textContent());

  const [jsonDownload] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByTestId('export-json').click()]);
  expect(jsonDownload.suggestedFilename()).toBe('checkout-api-5xx-spike-after-14-05-deploy.faultmaven-case.json');
  const json = fs.readFileSync((await jsonDownload.path())!, 'utf8');
  expect(JSON.parse(json)).toMatchObject({ format: 'faultmaven-case', version: 1, case: { title: bundle.kase.title } });

  const importInput = dashboard.getByTestId('import-case');
  await importInput.setInputFiles({ name: 'not-a-case.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') });
  await expect(dashboard.getByRole('alert')).toContainText('not-a-case.json: This is not a FaultMaven case export');
  await importInput.setInputFiles({ name: jsonDownload.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(dashboard.getByText(`Imported “${bundle.kase.title}”`)).toBeVisible();
  await expect(dashboard.getByTestId('case-history').getByRole('button')).toHaveCount(2);
  const ids = await sw.evaluate(async () => ((await (globalThis as any).__fmTest.db.cases.toArray()) as { id: string }[]).map((c) => c.id));
  expect(ids).toHaveLength(2);
  expect(ids).toContain(bundle.kase.id);
  // The imported case is selected and previews the same postmortem.
  await expect(preview).toContainText('The 14:05 deploy cut the DB pool from 50 to 5');

  await dashboard.getByTestId('case-to-runbook').click();
  await expect(dashboard.getByTestId('case-action-status')).toContainText('to your knowledge base', { timeout: 30_000 });
  const userDocs = await sw.evaluate(async () => (await (globalThis as any).__fmTest.db.kbDocuments.where('tier').equals('user').toArray()).map((d: { title: string }) => d.title));
  expect(userDocs).toEqual(['checkout-api returns 5xx for 40% of requests since the 14:05 deploy']);
});
