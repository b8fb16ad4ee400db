/**
 * Pages scripts cannot run in (browser internals, stores, other extensions). Capturing them
 * fails with an unhelpful browser error, so we refuse them up front with a clear one.
 */
export function capturableUrlProblem(url: string | undefined): string | null {
  if (!url) return 'This tab has no address to capture';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Not a web page: ${url}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `FaultMaven can only capture web pages (http/https), not ${parsed.protocol} pages`;
  }
  if (/^(chrome\.google\.com|chromewebstore\.google\.com|addons\.mozilla\.org)$/.test(parsed.hostname)) {
    return 'Browser extension stores cannot be captured';
  }
  return null;
}

/** The permission pattern that grants access to every page on `url`'s origin. */
export function originPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}
