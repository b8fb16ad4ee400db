import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import fs from 'node:fs';
import path from 'node:path';

export const EXT_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv3-e2e');
export const ADDON_ID = 'faultmaven@faultmaven.dev'; // browser_specific_settings.gecko.id
/** Pinned moz-extension:// host, so tests can open extension pages by URL. */
export const UUID = '3b8f6c2e-6a5d-4f0e-9d1c-2a7b8e4f5c61';
export const extUrl = (file: string) => `moz-extension://${UUID}/${file}`;

/** Debian's firefox-esr over WebDriver BiDi with the e2e build installed as a temporary add-on. */
export async function launchFirefox(options: { backgroundIdleMs?: number } = {}): Promise<Browser> {
  if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) {
    throw new Error(`Build the e2e extension first (npm run build:e2e): ${EXT_DIR} is missing`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    // Without it, BiDi refuses to navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'extensions.background.idle.timeout': options.backgroundIdleMs ?? 30_000,
      'extensions.update.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  await browser.installExtension(EXT_DIR);
  return browser;
}

/**
 * Opens an extension page. Under BiDi `page.goto` to moz-extension:// never resolves and the
 * polled realm can be destroyed by the navigation, so fire it and retry the wait.
 */
export async function openExtPage(browser: Browser, file: string, readySelector: string, timeout = 15_000): Promise<Page> {
  const page = await browser.newPage();
  page.goto(extUrl(file), { timeout: 0 }).catch(() => {});
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await page.waitForSelector(readySelector, { timeout: Math.max(250, deadline - Date.now()) });
      return page;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await sleep(100);
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `accept` holds, failing with the last value seen. */
export async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch {
      // The page may be mid-render; try again.
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${describeValue(last)}`);
    await sleep(100);
  }
}

/** Element handles are circular: say what they are instead of failing to serialise them. */
function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export async function clickButton(page: Page, text: string): Promise<void> {
  const handle = await waitFor(
    () => page.evaluateHandle((t) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === t && !b.disabled) ?? null, text),
    (h) => h.asElement() !== null,
    `button "${text}"`,
  );
  await (handle.asElement() as ElementHandle<HTMLButtonElement>).click();
}

export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const input = await page.waitForSelector(selector);
  await input!.click({ count: 3 });
  await input!.type(text);
}

export const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
export const attr = (page: Page, selector: string, name: string) => page.$eval(selector, (el, n) => el.getAttribute(n), name);
export const count = (page: Page, selector: string) => page.$$eval(selector, (els) => els.length);

/** Creates a case from the side panel (the welcome form, or "New case" when one is open). */
export async function createCase(panel: Page, title: string): Promise<void> {
  await waitFor(() => attr(panel, '[data-testid="side-panel"]', 'data-ready'), (v) => v === 'true', 'panel ready');
  if (!(await panel.$('#case-title'))) await clickButton(panel, 'New case');
  await typeInto(panel, '#case-title', title);
  await clickButton(panel, 'Start case');
  await waitFor(() => text(panel, '[data-testid="case-title"]'), (t) => t === title, 'case title');
}
