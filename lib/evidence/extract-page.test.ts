// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { extractPageContent } from './extract-page';
import { capturableUrlProblem, originPattern } from './capturable-url';

function page(html: string, title = 'Checkout dashboard') {
  document.head.innerHTML = `<title>${title}</title><meta name="description" content="Service health">`;
  document.body.innerHTML = html;
}

describe('generic page extractor', () => {
  beforeEach(() => page(''));

  it('reads headings, lists and tables as Markdown, skipping hidden and script content', () => {
    page(`
      <h1>Checkout</h1>
      <p>Requests per second <b>1,204</b></p>
      <ul><li>us-east-1</li><li>eu-west-1</li></ul>
      <table><tr><th>Pod</th><th>Restarts</th></tr><tr><td>checkout-7d9</td><td>14</td></tr></table>
      <div style="display:none">SECRET HIDDEN</div>
      <div aria-hidden="true">decorative</div>
      <script>var token = 'abc'</script>
      <input type="password" value="hunter2" aria-label="pw"><input value="5m" aria-label="Range">`);
    const result = extractPageContent(10_000);
    expect(result.title).toBe('Checkout dashboard');
    expect(result.text).toContain('# Checkout');
    expect(result.text).toContain('Requests per second 1,204');
    expect(result.text).toContain('- us-east-1');
    expect(result.text).toContain('| Pod | Restarts |\n| --- | --- |\n| checkout-7d9 | 14 |');
    expect(result.text).toContain('Range: 5m');
    expect(result.text).toContain('> Service health');
    for (const hidden of ['SECRET HIDDEN', 'decorative', "token = 'abc'", 'hunter2']) expect(result.text).not.toContain(hidden);
  });

  it('puts alerts and error-like lines before the page body', () => {
    page(`<p>All good here</p><div role="alert">Alarm checkout-5xx is FIRING</div><p>upstream timed out after 30s</p>`);
    const { text, alerts } = extractPageContent(10_000);
    expect(alerts).toEqual(['Alarm checkout-5xx is FIRING']);
    expect(text.indexOf('Alarm checkout-5xx')).toBeLessThan(text.indexOf('## Page content'));
    expect(text.indexOf('- upstream timed out')).toBeLessThan(text.indexOf('## Page content'));
  });

  it('caps the size and says so', () => {
    page(`<pre>${'line of log output\n'.repeat(5_000)}</pre>`);
    const result = extractPageContent(2_000);
    expect(result.truncated).toBe(true);
    expect(result.text).toContain('…[truncated]');
    expect(result.text.length).toBeLessThan(2_200);
  });

  it('survives an empty page', () => {
    page('', '');
    const result = extractPageContent(1_000);
    expect(result.text).toContain('## Page content');
    expect(result.truncated).toBe(false);
  });

  it('is self-contained, because executeScript serialises it', () => {
    const source = extractPageContent.toString();
    expect(source).not.toMatch(/\b(import|require)\b/);
    // Recompiling the source text must give a working function with no outside references.
    const rebuilt = new Function(`return (${source})`)() as typeof extractPageContent;
    page('<h2>Rebuilt</h2>');
    expect(rebuilt(1_000).text).toContain('## Rebuilt');
  });
});

describe('capturable pages', () => {
  it('accepts web pages and refuses browser and extension pages', () => {
    expect(capturableUrlProblem('https://grafana.example.com/d/abc')).toBeNull();
    expect(capturableUrlProblem('chrome://extensions')).toMatch(/only capture web pages/);
    expect(capturableUrlProblem('about:blank')).toMatch(/only capture/);
    expect(capturableUrlProblem('https://chromewebstore.google.com/x')).toMatch(/stores/);
    expect(capturableUrlProblem(undefined)).toMatch(/no address/);
    expect(originPattern('https://eu.datadoghq.com:443/monitors/1?x=1')).toBe('https://eu.datadoghq.com/*');
  });
});
