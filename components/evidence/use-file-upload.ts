import { useCallback, useRef, useState } from 'react';
import { sendCommand } from '@/lib/messaging/client';
import { planUpload } from '@/lib/evidence/upload/upload-limits';
import { BinaryContentError, readTextUpload } from '@/lib/evidence/upload/read-text-upload';

export interface UploadItem {
  key: string;
  name: string;
  /** 0..1 */
  progress: number;
  status: 'reading' | 'saving' | 'done' | 'refused' | 'failed' | 'cancelled';
  message?: string;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/**
 * Reads dropped or picked files one after another and stores each as evidence. Text is
 * streamed (see `readTextUpload`), so a file of hundreds of MB never sits in memory at once and
 * the progress bar keeps moving; refusals explain themselves and never stop the other files.
 */
export function useFileUpload(caseId: string) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const queue = useRef(Promise.resolve());
  /** One per file still waiting or reading: Cancel stops it between two chunks, nothing is stored. */
  const controllers = useRef(new Map<string, AbortController>());

  const update = useCallback((key: string, patch: Partial<UploadItem>) => {
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }, []);

  const uploadOne = useCallback(
    async (file: File, key: string) => {
      const signal = controllers.current.get(key)?.signal;
      if (signal?.aborted) return update(key, { status: 'cancelled', message: 'Cancelled; nothing was added.' });
      const plan = planUpload(file);
      if (plan.kind === 'refused') return update(key, { status: 'refused', message: plan.reason });
      try {
        if (plan.kind === 'image') {
          const imageDataUrl = await readAsDataUrl(file);
          update(key, { progress: 1, status: 'saving' });
          await sendCommand('evidence/add-file', { caseId, fileName: file.name, mimeType: file.type, byteSize: file.size, imageDataUrl });
        } else {
          let lastPaint = 0;
          const read = await readTextUpload(file, (bytes, total) => {
            // Repaint at most every 1%: a 500 MB file yields thousands of chunks.
            const p = total ? bytes / total : 1;
            if (p - lastPaint >= 0.01 || p === 1) {
              lastPaint = p;
              update(key, { progress: p });
            }
          }, signal);
          update(key, { progress: 1, status: 'saving' });
          await sendCommand('evidence/add-file', {
            caseId,
            fileName: file.name,
            mimeType: file.type,
            byteSize: file.size,
            text: read.text,
            truncated: read.truncated,
            invalidSequences: read.invalidSequences,
          });
          const kept = read.condensed
            ? `large log: all ${read.condensed.lines.toLocaleString('en-US')} lines condensed to ${read.condensed.templates.toLocaleString('en-US')} templates, start and end kept`
            : 'large file: start and end kept';
          const notes = [read.truncated ? kept : '', read.invalidSequences ? `${read.invalidSequences} invalid UTF-8 sequences replaced` : '']
            .filter(Boolean)
            .join('; ');
          return update(key, { status: 'done', message: notes || undefined });
        }
        update(key, { status: 'done' });
      } catch (error) {
        if (signal?.aborted) return update(key, { status: 'cancelled', message: 'Cancelled; nothing was added.' });
        if (error instanceof BinaryContentError) return update(key, { status: 'refused', message: error.message });
        update(key, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
      } finally {
        controllers.current.delete(key);
      }
    },
    [caseId, update],
  );

  const upload = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
        controllers.current.set(key, new AbortController());
        setItems((all) => [...all, { key, name: file.name, progress: 0, status: 'reading' }]);
        queue.current = queue.current.then(() => uploadOne(file, key));
      }
    },
    [uploadOne],
  );

  const dismiss = useCallback((key: string) => setItems((all) => all.filter((i) => i.key !== key)), []);

  const cancel = useCallback((key: string) => controllers.current.get(key)?.abort(), []);

  return { items, upload, dismiss, cancel };
}
