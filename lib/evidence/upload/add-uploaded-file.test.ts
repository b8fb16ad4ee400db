import { describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import { createCase } from '@/lib/cases/case-service';
import { addUploadedFile } from './add-uploaded-file';

describe('addUploadedFile', () => {
  it('stores a text file as kind "file" with its provenance and a note about replaced bytes', async () => {
    const db = createTestDb();
    const kase = await createCase(db, { title: 'upload', severity: 'sev2' });
    const record = await addUploadedFile(db, {
      caseId: kase.id,
      fileName: 'checkout.log',
      mimeType: 'text/x-log',
      byteSize: 734_003_200,
      text: 'FIRST\n[… omitted …]\nLAST',
      truncated: true,
      invalidSequences: 3,
    });
    expect(record).toMatchObject({ kind: 'file', title: 'checkout.log', truncated: true });
    expect(record.provenance).toMatchObject({ source: 'upload', extractor: 'upload', fileName: 'checkout.log', mimeType: 'text/x-log', byteSize: 734_003_200 });
    expect(record.text).toMatch(/^\[3 invalid UTF-8 sequences were replaced with �\]/);
    expect(await db.evidence.get(record.id)).toEqual(record);
  });

  it('stores an image as kind "image" and refuses a data URL that is not an image', async () => {
    const db = createTestDb();
    const kase = await createCase(db, { title: 'upload', severity: 'sev2' });
    const image = await addUploadedFile(db, { caseId: kase.id, fileName: 'graph.png', mimeType: 'image/png', byteSize: 68, imageDataUrl: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(image.kind).toBe('image');
    await expect(
      addUploadedFile(db, { caseId: kase.id, fileName: 'x.html', mimeType: 'text/html', byteSize: 10, imageDataUrl: 'data:text/html;base64,PGI+' }),
    ).rejects.toThrow('x.html is not a supported image');
    await expect(addUploadedFile(db, { caseId: kase.id, fileName: '  ', mimeType: '', byteSize: 1, text: 'x' })).rejects.toThrow('no name');
    expect(await db.evidence.count()).toBe(1);
  });
});
