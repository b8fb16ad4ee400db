import type { ExportedFile } from '@/lib/cases/case-export-json';

/** Saves a generated file through the browser's download prompt (no `downloads` permission needed). */
export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: `${file.mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; revoke later so slow browsers still read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
