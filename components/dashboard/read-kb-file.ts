import { MAX_KB_DOCUMENT_BYTES } from '@/lib/kb/limits';
import { htmlToMarkdown } from './html-to-markdown';

/**
 * Turns an uploaded file into the Markdown/text the knowledge base indexes: Markdown and text as
 * they are, HTML converted by headings, PDFs through pdf.js (loaded only when a PDF comes).
 * Sizes are checked before reading, so a 100 MB file is refused without being loaded.
 */

export function isPdf(file: { name: string; type: string }): boolean {
  return /\.pdf$/i.test(file.name) || file.type === 'application/pdf';
}

export async function readKbFile(file: File): Promise<string> {
  if (file.size === 0) throw new Error(`"${file.name}" is empty: nothing to index`);
  if (isPdf(file)) {
    const { pdfToMarkdown } = await import('@/lib/kb/pdf-text');
    return pdfToMarkdown(new Uint8Array(await file.arrayBuffer()), file.name);
  }
  if (file.size > MAX_KB_DOCUMENT_BYTES) {
    throw new Error(`"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; the knowledge base takes documents up to ${MAX_KB_DOCUMENT_BYTES / 1024 / 1024} MB`);
  }
  const raw = await file.text();
  return /\.html?$/i.test(file.name) || file.type === 'text/html' ? htmlToMarkdown(raw) : raw;
}
