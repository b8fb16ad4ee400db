import { describe, expect, it } from 'vitest';
import { BinaryContentError, readTextUpload } from './read-text-upload';
import { HEAD_CHARS, TAIL_CHARS, planUpload } from './upload-limits';

function blobOf(parts: (string | Uint8Array)[], type = 'text/plain') {
  return Object.assign(new Blob(parts as BlobPart[], { type }), { name: 'app.log' });
}

describe('readTextUpload', () => {
  it('keeps a small file whole and counts its lines', async () => {
    const r = await readTextUpload(blobOf(['line one\nline two\n', 'line three']));
    expect(r).toMatchObject({ text: 'line one\nline two\nline three', truncated: false, lines: 3, invalidSequences: 0 });
  });

  it('keeps head and tail of a big file that is not a log, with a size note, reporting progress', async () => {
    const row = 'checkout,eu-west-1,12,200\n';
    const body = row.repeat(40_000); // 1 MB of CSV: no timestamps or levels, so not condensed as a log
    const progress: number[] = [];
    const r = await readTextUpload(blobOf(['service,region,latency_ms,status\n', body, 'payments,us-east-1,900,503']), (read) => progress.push(read));
    expect(r.truncated).toBe(true);
    expect(r.condensed).toBeNull();
    expect(r.text.startsWith('service,region')).toBe(true);
    expect(r.text.endsWith('payments,us-east-1,900,503')).toBe(true);
    expect(r.text).toMatch(/\[… [\d,]+ characters \(1\.0 MB file, 40,002 lines\) omitted/);
    expect(r.text.length).toBeLessThan(HEAD_CHARS + TAIL_CHARS + 200);
    expect(progress.at(-1)).toBe(r.bytesRead);
  });

  it('condenses a big log over the WHOLE file, keeping the summary with head and tail excerpts', async () => {
    // ~6 MB: the burst of errors sits in the middle, far from both the head and the tail kept
    // verbatim, so only the streaming condensation can report it.
    const ok = (i: number) => `2026-11-24T12:${String(Math.floor(i / 6000) % 60).padStart(2, '0')}:00.000Z INFO checkout GET /api/cart 200 in ${i % 90}ms\n`;
    const parts: string[] = [];
    let n = 0;
    for (; n < 30_000; n++) parts.push(ok(n));
    for (let e = 0; e < 1_234; e++, n++) parts.push(`2026-11-24T12:10:${String(e % 60).padStart(2, '0')}.000Z ERROR payments connection refused to db-${e % 7}:5432 after ${e}ms\n`);
    for (; n < 61_234; n++) parts.push(ok(n));
    const blob = blobOf(parts);
    const r = await readTextUpload(blob);
    expect(r.truncated).toBe(true);
    expect(r.condensed).toMatchObject({ lines: 61_234, errorLines: 1_234 });
    expect(r.text).toMatch(/^\[Log file too big to keep whole \([\d.]+ MB file, 61,234 lines\)/);
    const summary = r.text.slice(r.text.indexOf('## Condensed log (whole file)'), r.text.indexOf('## Start of the file'));
    expect(summary).toMatch(/Log summary: 61,234 lines in \d+ templates/);
    expect(summary).toMatch(/T\d+ ×1,234 ERROR, new 2026-11-24T12:10:00Z → 2026-11-24T12:10:59Z: payments connection refused to db-<\*>/);
    expect(summary).toContain('e.g. line 30001: 2026-11-24T12:10:00.000Z ERROR payments connection refused to db-0:5432 after 0ms');
    expect(r.text).toContain('## Start of the file\n2026-11-24T12:00:00.000Z INFO checkout');
    expect(r.text.trimEnd().endsWith(ok(61_233).trimEnd())).toBe(true);
    // Never the whole raw file: the middle is summarised, not stored.
    expect(r.text.length).toBeLessThan(HEAD_CHARS + TAIL_CHARS + 15_000);
    expect(r.text.length).toBeLessThan(blob.size / 20);
    expect((r.text.match(/connection refused/g) ?? []).length).toBeLessThan(5);
  });

  it('keeps a small log whole without condensing it', async () => {
    const r = await readTextUpload(blobOf(['2026-11-24T12:00:00Z INFO up\n'.repeat(20)]));
    expect(r).toMatchObject({ truncated: false, condensed: null, lines: 20 });
  });

  it('cancels between chunks of a big upload and keeps nothing', async () => {
    const controller = new AbortController();
    let calls = 0;
    const blob = blobOf(Array.from({ length: 100 }, () => '2026-11-24T12:00:00Z INFO up\n'.repeat(2_000)));
    await expect(
      readTextUpload(blob, () => {
        if (++calls === 2) controller.abort();
      }, controller.signal),
    ).rejects.toThrow('Upload cancelled');
    expect(calls).toBe(2);
  });

  it('refuses content that looks binary even with a text name', async () => {
    await expect(readTextUpload(blobOf([new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2])]))).rejects.toBeInstanceOf(BinaryContentError);
  });

  it('replaces invalid UTF-8 and says how many sequences were bad', async () => {
    const r = await readTextUpload(blobOf([new Uint8Array([0x6f, 0x6b, 0x20, 0xc3, 0x28, 0x20, 0xff, 0x0a])]));
    expect(r.invalidSequences).toBe(2);
    expect(r.text).toContain('ok \uFFFD( \uFFFD');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readTextUpload(blobOf(['x']), undefined, controller.signal)).rejects.toThrow('Upload cancelled');
  });
});

describe('planUpload', () => {
  it('accepts logs and configs of hundreds of MB, and small images', () => {
    expect(planUpload({ name: 'app.log', type: 'text/plain', size: 600 * 1024 * 1024 })).toEqual({ kind: 'text' });
    expect(planUpload({ name: 'values.yaml', type: '', size: 2000 })).toEqual({ kind: 'text' });
    expect(planUpload({ name: 'graph.png', type: 'image/png', size: 300_000 })).toEqual({ kind: 'image' });
  });

  it('refuses binaries, oversize files and empty files with a reason', () => {
    expect(planUpload({ name: 'core.zip', type: 'application/zip', size: 10 })).toMatchObject({ kind: 'refused', reason: expect.stringContaining('binary file') });
    expect(planUpload({ name: 'huge.log', type: 'text/plain', size: 1.5 * 1024 ** 3 })).toMatchObject({ reason: expect.stringContaining('limited to 1.0 GB') });
    expect(planUpload({ name: 'shot.png', type: 'image/png', size: 9 * 1024 * 1024 })).toMatchObject({ reason: expect.stringContaining('images are limited to 5.0 MB') });
    expect(planUpload({ name: 'x.log', type: '', size: 0 })).toMatchObject({ reason: 'x.log is empty.' });
  });
});
