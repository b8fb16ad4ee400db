import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const EXT_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function newProfileDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fm-chromium-'));
}

/** Debian's Chromium, headless, with the e2e build loaded and background networking off. */
export async function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) {
    throw new Error(`Build the e2e extension first (npm run build:e2e): ${EXT_DIR} is missing`);
  }
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // `--headless=new` below: the new headless mode runs extensions
    viewport: { width: 420, height: 800 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXT_DIR}`,
      `--load-extension=${EXT_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Force-stops the MV3 service worker, as Chrome does to idle or misbehaving workers. */
export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}
