import { describe, expect, it } from 'vitest';
import { makePdf } from '@/tests/support/make-pdf';
import { MAX_PDF_BYTES, pdfToMarkdown } from './pdf-text';

describe('pdfToMarkdown', () => {
  it('extracts the text of every page under the PDF title, a section per page', async () => {
    const pdf = makePdf(
      [
        ['Symptoms', 'Writes to the ledger database fail with read-only errors (SQLSTATE 25006).'],
        ['Fix', 'Promote the standby ledger replica and repoint the writers.'],
      ],
      { title: 'Ledger DB failover (primary lost)' },
    );
    const md = await pdfToMarkdown(pdf, 'ledger.pdf');
    expect(md).toMatch(/^# Ledger DB failover \(primary lost\)\n\n## Page 1\n\nSymptoms\nWrites to the ledger database fail/);
    expect(md).toContain('## Page 2\n\nFix\nPromote the standby ledger replica and repoint the writers.');
  });

  it('keeps a one-page PDF without a title as plain text', async () => {
    expect(await pdfToMarkdown(makePdf([['Restart the nginx ingress pods.']]), 'x.pdf')).toBe('Restart the nginx ingress pods.');
  });

  it('explains corrupt, truncated, non-PDF, text-less and oversized files', async () => {
    const good = makePdf([['Rotate the expired certificate.']]);
    await expect(pdfToMarkdown(new TextEncoder().encode('# just markdown'), 'notes.pdf')).rejects.toThrow('"notes.pdf" is not a PDF');
    const corrupt = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage garbage\n%%EOF');
    await expect(pdfToMarkdown(corrupt, 'broken.pdf')).rejects.toThrow('"broken.pdf" is not a readable PDF (Invalid PDF structure.)');
    await expect(pdfToMarkdown(good.slice(0, 60), 'cut.pdf')).rejects.toThrow('"cut.pdf" is not a readable PDF');
    await expect(pdfToMarkdown(good.slice(0, good.length - 200), 'cut2.pdf')).rejects.toThrow('"cut2.pdf" is not a readable PDF');
    await expect(pdfToMarkdown(makePdf([[]]), 'scan.pdf')).rejects.toThrow('"scan.pdf" has no text layer');
    await expect(pdfToMarkdown(new Uint8Array(MAX_PDF_BYTES + 1), 'huge.pdf')).rejects.toThrow('PDFs up to 50 MB');
  });
});
