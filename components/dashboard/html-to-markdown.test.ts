// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from './html-to-markdown';

describe('htmlToMarkdown', () => {
  it('keeps headings as Markdown headings, lists and code, and drops scripts and navigation', () => {
    const markdown = htmlToMarkdown(`<!doctype html><html><head><title>Wiki: Redis</title><style>p{}</style></head><body>
      <nav>Home | Spaces</nav>
      <h1>Redis evictions</h1>
      <p>Keys are   evicted when <b>maxmemory</b> is reached.</p>
      <h2>Checks</h2>
      <ul><li>Look at evicted_keys</li><li>Check the policy</li></ul>
      <pre>redis-cli info memory</pre>
      <script>alert('x')</script>
    </body></html>`);
    expect(markdown).toContain('# Redis evictions');
    expect(markdown).toContain('Keys are evicted when maxmemory is reached.');
    expect(markdown).toContain('## Checks');
    expect(markdown).toContain('- Look at evicted_keys\n- Check the policy');
    expect(markdown).toContain('```\nredis-cli info memory\n```');
    expect(markdown).not.toMatch(/alert|Spaces|p\{\}/);
  });

  it('uses the page title when the page has no H1', () => {
    expect(htmlToMarkdown('<html><head><title>Kafka lag</title></head><body><p>Scale consumers.</p></body></html>')).toBe('# Kafka lag\n\nScale consumers.');
  });
});
