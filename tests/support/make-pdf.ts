/**
 * Writes a small, valid, text-based PDF (uncompressed content streams, Helvetica, a correct
 * xref table) so tests need no binary fixtures. Each page is a list of lines.
 */
export function makePdf(pages: string[][], options: { title?: string } = {}): Uint8Array<ArrayBuffer> {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body); // object number = index + 1
  const pageCount = pages.length;
  // 1: catalog, 2: pages, 3: font, 4: info, then per page: page object + content stream.
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_, i) => `${5 + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pageCount} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(`<< /Producer (FaultMaven tests)${options.title ? ` /Title (${escape(options.title)})` : ''} >>`);
  pages.forEach((lines, i) => {
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${6 + i * 2} 0 R >>`);
    const ops = ['BT', '/F1 11 Tf', '14 TL', '72 740 Td', ...lines.map((l) => `(${escape(l)}) Tj T*`), 'ET'].join('\n');
    add(`<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

function escape(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}
