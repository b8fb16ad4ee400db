/**
 * The decisions around screenshot permission, kept pure so they are tested without a browser.
 *
 * `tabs.captureVisibleTab` needs `<all_urls>` (or activeTab, which a click in a side panel or
 * sidebar does not grant), so "Screenshot visible tab" asks for that optional permission from
 * the click itself (Firefox refuses requests made after an await). These functions turn what
 * the browser answered into the next step and a message a person can act on.
 */
export const SCREENSHOT_ORIGINS = ['<all_urls>'];

export type ScreenshotPermissionStep = { action: 'capture' } | { action: 'stop'; message: string };

/** What to do after `permissions.request` resolved (`granted`) or threw (`error`). */
export function afterScreenshotPermission(outcome: { granted: boolean } | { error: string }): ScreenshotPermissionStep {
  if ('granted' in outcome) {
    return outcome.granted
      ? { action: 'capture' }
      : {
          action: 'stop',
          message:
            'Screenshot permission was not granted, so nothing was captured. Browsers only allow an extension to take screenshots with access to all sites; FaultMaven uses it only when you click Screenshot.',
        };
  }
  if (/user (gesture|input)|user action/i.test(outcome.error)) {
    return { action: 'stop', message: 'The browser only asks for permission right after a click: click "Screenshot visible tab" again.' };
  }
  return { action: 'stop', message: `Could not ask for screenshot permission: ${outcome.error}` };
}

/**
 * What a failed `captureVisibleTab` means for the user; `code` is the FaultMavenError code.
 * `allUrlsGranted`: whether `permissions.contains({ origins: ['<all_urls>'] })` said yes.
 */
export function screenshotFailure(message: string, allUrlsGranted = false): { code: 'permission-denied' | 'unsupported-page' | 'internal'; message: string } {
  if (allUrlsGranted && /missing activeTab permission/i.test(message)) {
    // Firefox bug 1758306: an `<all_urls>` grant restored at startup is not applied to
    // captureVisibleTab, so asking again (already granted: no prompt) would fail the same way.
    return {
      code: 'permission-denied',
      message:
        'Firefox did not apply the screenshot permission granted earlier (Firefox bug 1758306). In about:addons → FaultMaven → Permissions, switch "Access your data for all websites" off and on again, then retry.',
    };
  }
  if (/permission|all_urls|activeTab/i.test(message)) {
    return { code: 'permission-denied', message: 'FaultMaven needs permission to take screenshots. Allow it when asked, then try again.' };
  }
  if (/cannot be (captured|scripted)|chrome:|about:|restricted|devtools/i.test(message)) {
    return { code: 'unsupported-page', message: 'The browser does not allow screenshots of this page (a browser or extension page). Switch to the web page and try again.' };
  }
  return { code: 'internal', message: `Could not take a screenshot: ${message}` };
}
