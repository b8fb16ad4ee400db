import { test, expect } from './fixtures';

test('the toolbar side panel is wired: it opens on a user gesture and renders the app', async ({ context, sw, extPage }) => {
  expect(await sw.evaluate(() => chrome.sidePanel.getOptions({}))).toMatchObject({ enabled: true, path: 'sidepanel.html' });
  expect(await sw.evaluate(() => chrome.sidePanel.getPanelBehavior())).toEqual({ openPanelOnActionClick: true });
  const commands = await sw.evaluate(() => chrome.commands.getAll());
  expect(commands.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+F');

  // sidePanel.open() needs a user gesture: CDP can evaluate with one, as a click would.
  const page = await extPage('options.html');
  const cdp = await context.newCDPSession(page);
  const opened = await cdp.send('Runtime.evaluate', {
    expression: 'chrome.windows.getCurrent().then((w) => chrome.sidePanel.open({ windowId: w.id })).then(() => "opened")',
    userGesture: true,
    awaitPromise: true,
  });
  expect(opened.result.value).toBe('opened');

  // The real panel is a separate target, not a Playwright page. It shows up in CDP's target
  // list, and as an extension view its DOM is reachable from another page of the extension.
  await expect
    .poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.url.endsWith('/sidepanel.html')))
    .toBe(true);
  const readPanel = () =>
    page.evaluate(() => {
      const view = chrome.extension.getViews().find((v) => v.location.pathname === '/sidepanel.html');
      const root = view?.document.querySelector('[data-testid="side-panel"]');
      return `${root?.getAttribute('data-ready')}|${view?.innerWidth}|${view?.document.body.innerText ?? ''}`;
    });
  await expect.poll(readPanel).toMatch(/^true\|/);
  expect(await readPanel()).toContain('Start an investigation');
});
