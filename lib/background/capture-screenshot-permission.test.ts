import { describe, expect, it } from 'vitest';
import { afterScreenshotPermission, screenshotFailure, SCREENSHOT_ORIGINS } from './capture-screenshot-permission';

describe('afterScreenshotPermission', () => {
  it('captures when granted (also when it was granted before and no prompt showed)', () => {
    expect(afterScreenshotPermission({ granted: true })).toEqual({ action: 'capture' });
  });

  it('stops with a reason when the user declines', () => {
    const step = afterScreenshotPermission({ granted: false });
    expect(step).toMatchObject({ action: 'stop', message: expect.stringMatching(/^Screenshot permission was not granted, so nothing was captured\./) });
  });

  it('asks for another click when the browser lost the user gesture', () => {
    expect(afterScreenshotPermission({ error: 'permissions.request may only be called from a user input handler' })).toEqual({
      action: 'stop',
      message: 'The browser only asks for permission right after a click: click "Screenshot visible tab" again.',
    });
    expect(afterScreenshotPermission({ error: 'This function must be called during a user gesture' })).toMatchObject({ message: expect.stringContaining('click') });
  });

  it('reports any other failure as it came', () => {
    expect(afterScreenshotPermission({ error: "Only permissions specified in the manifest may be requested." })).toEqual({
      action: 'stop',
      message: 'Could not ask for screenshot permission: Only permissions specified in the manifest may be requested.',
    });
  });

  it('asks for exactly what captureVisibleTab needs', () => {
    expect(SCREENSHOT_ORIGINS).toEqual(['<all_urls>']);
  });
});

describe('screenshotFailure', () => {
  it('maps the browser errors to what the user can do', () => {
    expect(screenshotFailure("Either the '<all_urls>' or 'activeTab' permission is required.").code).toBe('permission-denied');
    expect(screenshotFailure('The extensions gallery cannot be scripted.').code).toBe('unsupported-page');
    expect(screenshotFailure('Missing activeTab permission', false).message).toBe('FaultMaven needs permission to take screenshots. Allow it when asked, then try again.');
    expect(screenshotFailure('Failed to capture tab: view is invisible')).toEqual({ code: 'internal', message: 'Could not take a screenshot: Failed to capture tab: view is invisible' });
  });

  it('explains the Firefox case where the permission is granted but not applied, instead of asking again in a loop', () => {
    const failure = screenshotFailure('Missing activeTab permission', true);
    expect(failure.code).toBe('permission-denied');
    expect(failure.message).toMatch(/^Firefox did not apply the screenshot permission granted earlier \(Firefox bug 1758306\)\. In about:addons/);
  });
});
