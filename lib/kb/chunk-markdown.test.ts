import { describe, expect, it } from 'vitest';
import { chunkMarkdown, splitBounded } from './chunk-markdown';

const small = { maxChars: 200, minChars: 40, overlapChars: 30 };

describe('chunkMarkdown', () => {
  it('takes the title from front matter, keeps heading paths and reads a Tags line', () => {
    const doc = chunkMarkdown(
      [
        '---',
        'title: Disk Full',
        '---',
        '# DiskFull',
        'Tags: linux, Disk',
        '## Symptoms',
        'The disk is full and writes fail with no space left on device. '.repeat(2),
        '## Fixes',
        '### Logs',
        'Rotate the logs and vacuum the journal so space is released for writers.',
      ].join('\n'),
      'fallback',
      small,
    );
    expect(doc.title).toBe('Disk Full');
    expect(doc.tags).toEqual(['linux', 'disk']);
    expect(doc.chunks.map((c) => c.headingPath)).toEqual([['Symptoms'], ['Fixes', 'Logs']]);
  });

  it('uses the first H1 as title, falls back to the file name, and ignores # inside code fences', () => {
    expect(chunkMarkdown('# Real Title\nbody', 'file.md').title).toBe('Real Title');
    const doc = chunkMarkdown('plain text only', 'file.md');
    expect(doc.title).toBe('file.md');
    expect(doc.chunks).toEqual([{ headingPath: [], text: 'plain text only' }]);
    const fenced = chunkMarkdown('## Checks\n```bash\n# not a heading\nls\n```', 'x');
    expect(fenced.chunks).toHaveLength(1);
    expect(fenced.chunks[0]!.text).toContain('# not a heading');
  });

  it('merges small neighbouring sections but never beyond the size bound', () => {
    const doc = chunkMarkdown('## A\nshort a\n## B\nshort b\n## C\n' + 'long text here. '.repeat(20), 'x', small);
    expect(doc.chunks[0]!.text).toBe('short a\n\nB\nshort b');
    for (const chunk of doc.chunks) expect(chunk.text.length).toBeLessThanOrEqual(small.maxChars);
  });
});

describe('splitBounded', () => {
  it('splits long text under the bound with overlap between pieces', () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    const parts = splitBounded(words, small);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(small.maxChars);
    // The last word of one piece reappears at the start of the next.
    const lastWord = parts[0]!.split(' ').at(-1)!;
    expect(parts[1]!.split(' ').slice(0, 10)).toContain(lastWord);
    expect(parts[1]!.startsWith(lastWord)).toBe(false);
    // Nothing is lost.
    for (let i = 0; i < 300; i++) expect(parts.some((p) => p.split(/\s+/).includes(`w${i}`))).toBe(true);
  });

  it('hard-splits a single unbroken token', () => {
    const parts = splitBounded('x'.repeat(450), { maxChars: 200, minChars: 0, overlapChars: 0 });
    expect(parts.map((p) => p.length)).toEqual([200, 200, 50]);
  });
});
