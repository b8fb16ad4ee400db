import { useEffect, useState } from 'react';
import { MarkdownView } from '@/components/chat/markdown-view';
import { ErrorNote } from '@/components/ui/error-note';
import { errorText, type DashboardClient } from './dashboard-client';

/**
 * The postmortem as the service worker generates it, refreshed whenever the case changes
 * (`revision`). The raw Markdown is what "Export Markdown" downloads; the rendered view shows
 * how a wiki will display it.
 */
export function PostmortemPreview({ caseId, revision, client }: { caseId: string; revision: string; client: DashboardClient }) {
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    let live = true;
    client('case/export', { caseId, format: 'markdown' }).then(
      (file) => {
        if (!live) return;
        setMarkdown(file.content);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [caseId, revision, client]);

  return (
    <div className="space-y-2">
      <div role="group" aria-label="Postmortem view" className="flex gap-1 text-xs">
        {(['Markdown', 'Rendered'] as const).map((label) => (
          <button
            key={label}
            type="button"
            aria-pressed={rendered === (label === 'Rendered')}
            onClick={() => setRendered(label === 'Rendered')}
            className={`rounded px-2 py-0.5 ${rendered === (label === 'Rendered') ? 'bg-slate-200 font-medium dark:bg-slate-800' : 'text-slate-600 dark:text-slate-400'}`}
          >
            {label}
          </button>
        ))}
      </div>
      <ErrorNote message={error} />
      {markdown === null && !error && <p className="text-sm text-slate-500">Writing the postmortem…</p>}
      {markdown !== null && (
        <>
          {/* Always in the page (hidden while the rendered view shows) so the raw text can be read and checked. */}
          <pre
            data-testid="postmortem-preview"
            aria-label="Postmortem Markdown"
            hidden={rendered}
            className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200"
          >
            {markdown}
          </pre>
          {rendered && (
            <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <MarkdownView text={markdown} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
