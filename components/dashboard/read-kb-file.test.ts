// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { makePdf } from '@/tests/support/make-pdf';
import { readKbFile } from './read-kb-file';

describe('readKbFile', () => {
  it('reads Markdown as is, HTML by headings and PDFs through pdf.js', async () => {
    expect(await readKbFile(new File(['# A\nb'], 'a.md', { type: 'text/markdown' }))).toBe('# A\nb');
    expect(await readKbFile(new File(['<h1>Vault sealed</h1><p>Unseal it.</p>'], 'v.html', { type: 'text/html' }))).toContain('# Vault sealed');
    const pdf = new File([makePdf([['Rotate the expired certificate.']], { title: 'TLS expiry' })], 'tls.pdf', { type: 'application/pdf' });
    expect(await readKbFile(pdf)).toBe('# TLS expiry\n\nRotate the expired certificate.');
  });

  it('refuses a 100 MB Markdown file without reading it, and empty files', async () => {
    const huge = new File(['x'], 'huge.md', { type: 'text/markdown' });
    Object.defineProperty(huge, 'size', { value: 100 * 1024 * 1024 });
    const read = vi.spyOn(huge, 'text');
    await expect(readKbFile(huge)).rejects.toThrow('"huge.md" is 100.0 MB; the knowledge base takes documents up to 5 MB');
    expect(read).not.toHaveBeenCalled();
    await expect(readKbFile(new File([], 'empty.txt'))).rejects.toThrow('"empty.txt" is empty');
  });

  it('explains a corrupt PDF', async () => {
    const broken = new File(['%PDF-1.7\nnot really a pdf'], 'broken.pdf', { type: 'application/pdf' });
    await expect(readKbFile(broken)).rejects.toThrow('"broken.pdf" is not a readable PDF');
  });
});
