import type { FaultMavenDB } from '@/lib/db/schema';
import type { EvidenceRecord } from '@/lib/db/records';
import { FaultMavenError } from '@/lib/messaging/errors';
import { addEvidence } from '@/lib/evidence/evidence-service';

export interface UploadedFile {
  caseId: string;
  fileName: string;
  mimeType: string;
  /** Size of the original file, even when only its head and tail were kept. */
  byteSize: number;
  /** Text read from the file (head and tail for big files); absent for images. */
  text?: string;
  truncated?: boolean;
  imageDataUrl?: string;
  /** Bytes that were not valid UTF-8, replaced while reading. */
  invalidSequences?: number;
}

/** Stores an upload the side panel has read, with the file's provenance. */
export async function addUploadedFile(db: FaultMavenDB, file: UploadedFile): Promise<EvidenceRecord> {
  const fileName = file.fileName.trim();
  if (!fileName) throw new FaultMavenError('invalid-input', 'The uploaded file has no name');
  if (!file.text && !file.imageDataUrl) throw new FaultMavenError('invalid-input', `${fileName} had nothing readable in it`);
  if (file.imageDataUrl && !/^data:image\/(png|jpeg|gif|webp|bmp);base64,/.test(file.imageDataUrl)) {
    throw new FaultMavenError('invalid-input', `${fileName} is not a supported image`);
  }
  const note = file.invalidSequences ? `[${file.invalidSequences} invalid UTF-8 sequences were replaced with �]\n\n` : '';
  return addEvidence(db, {
    caseId: file.caseId,
    kind: file.imageDataUrl ? 'image' : 'file',
    title: fileName,
    text: file.imageDataUrl ? `Uploaded image ${fileName}` : note + (file.text ?? ''),
    truncated: file.truncated === true,
    ...(file.imageDataUrl ? { imageDataUrl: file.imageDataUrl } : {}),
    provenance: { extractor: 'upload', source: 'upload', fileName, mimeType: file.mimeType || 'text/plain', byteSize: file.byteSize },
  });
}
