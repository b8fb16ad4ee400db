import { useId, useState } from 'react';
import { MAX_CASE_IMPORT_BYTES } from '@/lib/cases/case-export-format';
import type { CaseRecord } from '@/lib/db/records';
import { sendCommand } from '@/lib/messaging/client';
import { ErrorNote } from '@/components/ui/error-note';
import { errorText, type DashboardClient } from './dashboard-client';

/** "Import case": reads an exported `.json` case and hands its text to the service worker. */
export function CaseImportButton({ client = sendCommand, onImported }: { client?: DashboardClient; onImported: (kase: CaseRecord) => void }) {
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const importFile = async (file: File) => {
    setError(null);
    setDone(null);
    // Checked here too, so a huge file is refused without being read into memory.
    if (file.size > MAX_CASE_IMPORT_BYTES) {
      setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; case files up to ${MAX_CASE_IMPORT_BYTES / 1024 / 1024} MB can be imported`);
      return;
    }
    setBusy(true);
    try {
      const kase = await client('case/import', { json: await file.text() });
      setDone(`Imported “${kase.title}”`);
      onImported(kase);
    } catch (e) {
      setError(`${file.name}: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-1">
      <label
        htmlFor={inputId}
        className="inline-flex cursor-pointer items-center rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-within:ring-2 focus-within:ring-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
      >
        {busy ? 'Importing…' : 'Import case (.json)'}
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          data-testid="import-case"
          aria-label="Import case from a JSON file"
          disabled={busy}
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = ''; // the same file can be chosen again after fixing it
            if (file) void importFile(file);
          }}
        />
      </label>
      {done && (
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
          {done}
        </p>
      )}
      <ErrorNote message={error} onDismiss={() => setError(null)} />
    </div>
  );
}
