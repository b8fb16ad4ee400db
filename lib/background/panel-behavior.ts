import { browser } from 'wxt/browser';

/**
 * Toolbar icon → side panel. Chrome does it natively once told to; Firefox's sidebar has
 * to be toggled from the click handler (a user action, which `sidebarAction` requires).
 */
export function openPanelOnToolbarClick(): void {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: { setPanelBehavior?(b: { openPanelOnActionClick: boolean }): Promise<void> } } }).chrome
    ?.sidePanel;
  if (chromeSidePanel?.setPanelBehavior) {
    chromeSidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((error: unknown) => {
      console.error('FaultMaven: cannot set side panel behaviour', error);
    });
    return;
  }
  const firefoxSidebar = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } }).sidebarAction;
  if (firefoxSidebar) {
    browser.action.onClicked.addListener(() => {
      void firefoxSidebar.toggle();
    });
  }
}
