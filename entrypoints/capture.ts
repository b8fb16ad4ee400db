import { CAPTURE_GLOBAL, capturePageWhenStable } from '@/lib/sites/capture-in-page';

/**
 * Injected on demand into the tab the user captures (`scripting.executeScript({ files })`).
 * Functions passed with `func` are serialised and cannot import, so the adapters live in this
 * bundled script; it only installs the capture function, and the background then calls it with
 * arguments. Nothing runs until the user asks for a capture.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CAPTURE_GLOBAL] = capturePageWhenStable;
});
