import fs from 'node:fs';
import { test, expect } from './fixtures';
import { launchWithExtension, newProfileDir } from './chromium';
import { startServer, type RunningServer } from '../../server/src/start-server';
import { createLogger } from '../../server/src/logger';
import type { Page } from '@playwright/test';

const PASSWORD = 'a long e2e password';

async function api(server: RunningServer, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return res.json();
}

async function connect(options: Page, serverUrl: string, fields: { mode: 'Sign in' | 'Join a team with an invite'; email: string; invite?: string; name?: string }) {
  const form = options.getByRole('form', { name: 'Connect to a sync server' });
  await form.getByLabel('Server URL').fill(serverUrl);
  await form.getByLabel('Account').selectOption({ label: fields.mode });
  if (fields.invite) await form.getByLabel('Invite code').fill(fields.invite);
  if (fields.name) await form.getByLabel('Your name').fill(fields.name);
  await form.getByLabel('Email').fill(fields.email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(options.getByRole('status', { name: 'Sync status' })).toContainText('Up to date');
}

test.describe('team sync', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer({ database: ':memory:', port: 0, host: '127.0.0.1', logLevel: 'silent', passwordCost: { logN: 10, r: 8, p: 1 } }, { logger: createLogger('silent') });
  });
  test.afterAll(async () => server?.close());

  test('a case created in one profile shows up in a teammate’s profile', async ({ extPage }) => {
    const owner = await api(server, '/v1/teams', { teamName: 'SRE', email: 'owner@example.com', password: PASSWORD, displayName: 'Owner' });
    const invite = await api(server, '/v1/team/invites', { email: 'teammate@example.com' }, owner.accessToken);

    // Profile 1 connects through the options page and creates a case.
    const options = await extPage('options.html');
    await connect(options, server.url, { mode: 'Sign in', email: 'owner@example.com' });
    await expect(options.getByText('team SRE')).toBeVisible();
    const created = await options.evaluate(() => chrome.runtime.sendMessage({ fm: 'command', name: 'case/create', payload: { title: 'orders API 502s after deploy', severity: 'sev1' } }));
    expect(created.ok).toBe(true);
    // No "Sync now": a local edit starts a pass by itself a couple of seconds later.
    await expect(options.getByText(/1 sent/)).toBeVisible({ timeout: 15_000 });
    // Sharing evidence content (screenshots, long text) is a separate choice, off by default.
    const content = options.getByRole('checkbox', { name: /Also share evidence content/ });
    await expect(content).not.toBeChecked();
    await content.click(); // controlled: checked once the background confirms
    await expect(content).toBeChecked();

    // Profile 2, a teammate in another browser profile, joins with the invite and sees the case.
    const dir = newProfileDir();
    const second = await launchWithExtension(dir);
    try {
      const sw = second.serviceWorkers()[0] ?? (await second.waitForEvent('serviceworker'));
      const extensionId = new URL(sw.url()).host;
      const teammate = await second.newPage();
      await teammate.goto(`chrome-extension://${extensionId}/options.html`);
      await connect(teammate, server.url, { mode: 'Join a team with an invite', invite: invite.code, name: 'Teammate', email: 'teammate@example.com' });
      await expect(teammate.getByText(/1 received/)).toBeVisible();
      const dashboard = await second.newPage();
      await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
      await expect(dashboard.getByText('orders API 502s after deploy')).toBeVisible();

      // Disconnecting keeps the local copy.
      await teammate.getByRole('button', { name: 'Disconnect' }).click();
      await expect(teammate.getByRole('form', { name: 'Connect to a sync server' })).toBeVisible();
      await dashboard.reload();
      await expect(dashboard.getByText('orders API 502s after deploy')).toBeVisible();
    } finally {
      await second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
