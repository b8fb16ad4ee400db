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

  it('keeps head and tail of a big file with a size note, reporting progress', async () => {
    const line = 'INFO request ok 200\n';
    const body = line.repeat(50_000); // 1 MB
    const progress: number[] = [];
    const r = await readTextUpload(blobOf(['FIRST LINE\n', body, 'ERROR the last line']), (read) => progress.push(read));
    expect(r.truncated).toBe(true);
    expect(r.text.startsWith('FIRST LINE\n')).toBe(true);
    expect(r.text.endsWith('ERROR the last line')).toBe(true);
    expect(r.text).toMatch(/\[… [\d,]+ characters \(1\.0 MB file, 50,002 lines\) omitted/);
    expect(r.text.length).toBeLessThan(HEAD_CHARS + TAIL_CHARS + 200);
    expect(progress.at(-1)).toBe(r.bytesRead);
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
