import { useRef, useState, type DragEvent } from 'react';
import { useFileUpload, type UploadItem } from './use-file-upload';

const ACCEPT = '.log,.txt,.json,.ndjson,.jsonl,.yaml,.yml,.csv,.tsv,.conf,.cfg,.ini,.toml,.xml,.env,.properties,.trace,.out,.err,text/*,application/json,image/png,image/jpeg,image/gif,image/webp';

function UploadRow({ item, onDismiss, onCancel }: { item: UploadItem; onDismiss: () => void; onCancel: () => void }) {
  const bad = item.status === 'refused' || item.status === 'failed';
  return (
    <li className="text-[11px]" data-testid="upload-item" data-status={item.status}>
      <div className="flex items-center gap-2">
        <span className="flex-1 truncate">{item.name}</span>
        <span className={bad ? 'text-red-700 dark:text-red-400' : 'text-slate-500'}>
          {item.status === 'reading' ? `${Math.round(item.progress * 100)}%` : item.status === 'saving' ? 'Saving…' : item.status === 'done' ? 'Added' : 'Not added'}
        </span>
        {item.status === 'reading' && (
          <button type="button" aria-label={`Cancel ${item.name}`} onClick={onCancel} className="text-slate-500 underline">
            Cancel
          </button>
        )}
        {item.status !== 'reading' && item.status !== 'saving' && (
          <button type="button" aria-label={`Dismiss ${item.name}`} onClick={onDismiss} className="text-slate-500">
            ×
          </button>
        )}
      </div>
      {(item.status === 'reading' || item.status === 'saving') && (
        <progress className="h-1 w-full" max={1} value={item.progress} aria-label={`Reading ${item.name}`} />
      )}
      {item.message && <p role={bad ? 'alert' : undefined} className={bad ? 'text-red-700 dark:text-red-400' : 'text-slate-500'}>{item.message}</p>}
    </li>
  );
}

/** File picker and drop zone for logs, configs, stack traces and images. */
export function FileUpload({ caseId }: { caseId: string }) {
  const { items, upload, dismiss, cancel } = useFileUpload(caseId);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    upload(Array.from(e.dataTransfer.files));
  }

  return (
    <div
      className={`mb-3 rounded-md border border-dashed p-2 text-xs ${over ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950' : 'border-slate-300 dark:border-slate-700'}`}
      data-testid="file-drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="text-slate-600 dark:text-slate-400">
        Drop logs, JSON/YAML/CSV, configs, stack traces or images here, or{' '}
        <button type="button" className="underline" onClick={() => input.current?.click()}>
          choose files
        </button>
        .
      </p>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        className="hidden"
        aria-label="Upload files as evidence"
        data-testid="file-upload-input"
        onChange={(e) => {
          upload(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      {items.length > 0 && (
        <ul className="mt-2 space-y-1">
          {items.map((i) => (
            <UploadRow key={i.key} item={i} onDismiss={() => dismiss(i.key)} onCancel={() => cancel(i.key)} />
          ))}
        </ul>
      )}
    </div>
  );
}
