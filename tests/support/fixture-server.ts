import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const PAGES = path.resolve(import.meta.dirname, '../fixtures/pages');
const SITE_PAGES = path.resolve(import.meta.dirname, '../fixtures/sites');

export interface FixtureServer {
  /** e.g. http://localhost:PORT (localhost so it matches the e2e build's host permissions) */
  url: string;
  close(): Promise<void>;
}

/** Serves the saved fixture pages under tests/fixtures/pages on 127.0.0.1. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const server = http.createServer((req, res) => {
    const requested = new URL(req.url ?? '/', 'http://x');
    // Site-adapter pages are served at any path that looks like the real console's URL, e.g.
    // /grafana/d/abc/checkout?from=now-6h&fm-fixture=grafana-dashboard/checkout-overview
    const siteFixture = requested.searchParams.get('fm-fixture');
    const root = siteFixture ? SITE_PAGES : PAGES;
    const name = siteFixture ? `${siteFixture}.html` : decodeURIComponent(requested.pathname).replace(/^\/+/, '');
    const file = path.join(root, name);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.png') ? 'image/png' : 'text/plain; charset=utf-8';
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        // Browsers keep idle keep-alive sockets open; close them or close() waits forever.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
