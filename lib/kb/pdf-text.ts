import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/**
 * Text of a text-based PDF (exported runbooks, post-mortems) as Markdown the chunker understands:
 * the document title as `#`, one `## Page N` section per page so citations can point at a page.
 * pdf.js's legacy build runs unchanged in Node (tests, CLI) and in extension pages. Its parser
 * runs in-thread ("fake worker": the worker module is registered on globalThis) so no worker
 * script URL or CDN is needed, and eval stays off, as MV3's CSP requires.
 */

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= pdfWorker;

/** Parsing a PDF is all in memory: anything larger is almost surely scans or attachments. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

export class PdfTextError extends Error {}

export async function pdfToMarkdown(bytes: Uint8Array, fileName: string): Promise<string> {
  if (bytes.byteLength > MAX_PDF_BYTES) throw new PdfTextError(`"${fileName}" is ${(bytes.byteLength / 1024 / 1024).toFixed(0)} MB; PDFs up to ${MAX_PDF_BYTES / 1024 / 1024} MB can be indexed`);
  if (!startsWithPdfHeader(bytes)) throw new PdfTextError(`"${fileName}" is not a PDF (it does not start with %PDF)`);
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: true, verbosity: 0 });
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfTextError(`"${fileName}" is password-protected; export it without a password to index it`);
    throw new PdfTextError(`"${fileName}" is not a readable PDF (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const info = (await document.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : item.str.endsWith(' ') ? '' : ' ');
      }
      const cleaned = text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
      if (cleaned) pages.push(document.numPages > 1 ? `## Page ${n}\n\n${cleaned}` : cleaned);
      page.cleanup();
    }
    if (pages.length === 0) throw new PdfTextError(`"${fileName}" has no text layer (a scanned PDF?); only PDFs with selectable text can be indexed`);
    return [title ? `# ${title}` : '', ...pages].filter(Boolean).join('\n\n');
  } finally {
    await document.destroy();
  }
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow a little junk (allowed by the spec's readers): look in the first KB.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}
