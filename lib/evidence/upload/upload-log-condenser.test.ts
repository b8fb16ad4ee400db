import { describe, expect, it } from 'vitest';
import { ModelInputPreparer } from '@/lib/evidence/prepare-for-model';
import { isCondensedUpload, UploadLogCondenser } from './upload-log-condenser';
import { readTextUpload } from './read-text-upload';

function bigLog(): Blob {
  const parts: string[] = [];
  for (let i = 0; i < 20_000; i++) parts.push(`2026-11-24T12:00:${String(i % 60).padStart(2, '0')}Z INFO checkout GET /api/cart 200 in ${i % 90}ms\n`);
  for (let i = 0; i < 300; i++) parts.push(`2026-11-24T12:05:${String(i % 60).padStart(2, '0')}Z ERROR payments connection refused to db-${i % 3}:5432\n`);
  for (let i = 0; i < 20_000; i++) parts.push(`2026-11-24T12:10:${String(i % 60).padStart(2, '0')}Z INFO checkout GET /api/cart 200 in ${i % 90}ms\n`);
  return new Blob(parts);
}

describe('UploadLogCondenser', () => {
  it('condenses text that starts like a log, however it is chunked', () => {
    const c = new UploadLogCondenser();
    const text = '2026-11-24T12:00:00Z INFO up\n2026-11-24T12:00:01Z ERROR down hard\n'.repeat(3_000);
    for (let i = 0; i < text.length; i += 777) c.push(text.slice(i, i + 777));
    expect(c.finish()).toMatchObject({ lines: 6_000, templates: 2, errorLines: 3_000 });
  });

  it('leaves text that is not a log alone (configs, CSV, prose)', () => {
    const c = new UploadLogCondenser();
    c.push('service:\n  name: checkout\n  replicas: 3\n'.repeat(5_000));
    expect(c.finish()).toBeNull();
    expect(c.isLog).toBe(false);
  });
});

describe('a condensed upload on its way to the model', () => {
  it('sends the whole-file summary first, not a re-analysis of the excerpts', async () => {
    const read = await readTextUpload(Object.assign(bigLog(), { name: 'checkout.log' }));
    expect(isCondensedUpload(read.text)).toBe(true);
    expect(isCondensedUpload(`[2 invalid UTF-8 sequences were replaced with �]\n\n${read.text}`)).toBe(true);
    const preparer = new ModelInputPreparer('case-1');
    const { body, condensed } = preparer.prepareEvidence({ id: 'e1', text: read.text, capturedAt: Date.parse('2026-11-24T13:00:00Z') }, 'evidence E1', 6_000);
    expect(condensed).toBeNull();
    expect(body.length).toBeLessThanOrEqual(6_000 + 14);
    expect(body).toMatch(/^\[Log file too big to keep whole/);
    // The burst sits in the middle of the file, outside both excerpts: only the stored summary knows it.
    expect(body).toMatch(/Log summary: 40,300 lines in \d+ templates/);
    expect(body).toMatch(/T\d+ ×300 ERROR.*connection refused/);
    expect(body.indexOf('## Condensed log (whole file)')).toBeLessThan(body.indexOf('## Start of the file') >>> 0);
  });
});
