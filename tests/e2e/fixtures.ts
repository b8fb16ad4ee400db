import { test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs';
import { startLlmServer, type LlmServer } from '../llm-server/server';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { launchWithExtension, newProfileDir, serviceWorker } from './chromium';

interface Fixtures {
  profileDir: string;
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  llm: LlmServer;
  pages: FixtureServer;
  extPage: (file: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  profileDir: async ({}, use) => {
    const dir = newProfileDir();
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ profileDir }, use) => {
    const context = await launchWithExtension(profileDir);
    await use(context);
    await context.close();
  },
  sw: async ({ context }, use) => use(await serviceWorker(context)),
  extensionId: async ({ sw }, use) => use(new URL(sw.url()).host),
  llm: async ({}, use) => {
    const server = await startLlmServer({ scenario: 'default' });
    await use(server);
    await server.close();
  },
  pages: async ({}, use) => {
    const server = await startFixtureServer();
    await use(server);
    await server.close();
  },
  extPage: async ({ context, extensionId }, use) => {
    await use(async (file: string) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`);
      return page;
    });
  },
});

export const expect = test.expect;
