import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { PHASE_LABELS } from '@/engines/phases';
import { db } from '@/lib/db';
import { sendCommand } from '@/lib/messaging/client';
import { useCase, useMessages } from '@/lib/ui/queries';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { MarkdownView } from '@/components/chat/markdown-view';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { errorText, type DashboardClient } from './dashboard-client';
import { downloadFile } from './download-file';
import { InvestigationSummary } from './investigation-summary';
import { PostmortemPreview } from './postmortem-preview';

export function CaseDetail({ caseId, onDeleted, client = sendCommand }: { caseId: string; onDeleted: () => void; client?: DashboardClient }) {
  const kase = useCase(caseId);
  const messages = useMessages(caseId) ?? [];
  const evidenceCount = useLiveQuery(() => db.evidence.where('caseId').equals(caseId).count(), [caseId]) ?? 0;
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (kase === undefined) return null;
  if (kase === null) return <p className="p-6 text-sm text-slate-500">This case was deleted.</p>;

  const run = (action: Promise<unknown>) => action.catch((e: unknown) => setError(errorText(e)));
  const act = async (name: string, action: () => Promise<string | null>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const exportAs = (format: 'markdown' | 'json') =>
    act(`export-${format}`, async () => {
      const file = await client('case/export', { caseId: kase.id, format });
      downloadFile(file);
      return `Saved ${file.filename}`;
    });
  const closed = kase.status !== 'open';
  // A change to the case, its messages or its evidence re-generates the preview; an answer still
  // streaming does not (it would regenerate on every chunk), only once it settles.
  const settled = messages.filter((m) => m.status !== 'streaming' && m.status !== 'pending');
  const revision = `${kase.updatedAt}:${settled.length}:${settled.at(-1)?.updatedAt ?? 0}:${evidenceCount}`;

  return (
    <article className="space-y-5 p-6" aria-label={`Case ${kase.title}`}>
      <header className="space-y-1">
        <div className="flex items-center gap-2">
          <SeverityBadge severity={kase.severity} />
          <h2 className="flex-1 text-lg font-semibold">{kase.title}</h2>
        </div>
        <p className="text-sm text-slate-500">
          {kase.status} · phase {PHASE_LABELS[kase.phase]} · opened {new Date(kase.createdAt).toLocaleString()} · updated{' '}
          {new Date(kase.updatedAt).toLocaleString()}
        </p>
        <div className="flex flex-wrap gap-2 pt-1">
          <Button onClick={() => void run(client('case/set-active', { caseId: kase.id }))}>Make active in side panel</Button>
          {kase.status === 'open' ? (
            <Button onClick={() => void run(client('case/update', { caseId: kase.id, patch: { status: 'closed' } }))}>Close case</Button>
          ) : (
            <Button onClick={() => void run(client('case/update', { caseId: kase.id, patch: { status: 'open' } }))}>Reopen</Button>
          )}
          <Button
            variant="danger"
            onClick={() => {
              if (confirm(`Delete “${kase.title}” with its messages and evidence? This cannot be undone.`)) {
                void run(client('case/delete', { caseId: kase.id }).then(onDeleted));
              }
            }}
          >
            Delete
          </Button>
        </div>
        <div className="flex flex-wrap gap-2 pt-1" role="group" aria-label="Export">
          <Button data-testid="export-markdown" disabled={busy !== null} onClick={() => void exportAs('markdown')}>
            Export postmortem (Markdown)
          </Button>
          <Button
            data-testid="export-json"
            disabled={busy !== null}
            title="The whole case for re-import, evidence unmasked: share it like the originals"
            onClick={() => void exportAs('json')}
          >
            Export case (JSON)
          </Button>
          <Button
            data-testid="case-to-runbook"
            disabled={busy !== null || !closed}
            title={closed ? 'Add this case to your knowledge base as a runbook' : 'Resolve or close the case first'}
            onClick={() =>
              void act('runbook', async () => {
                const added = await client('case/to-runbook', { caseId: kase.id });
                return added.duplicate ? `“${added.title}” is already in your knowledge base` : `Added runbook “${added.title}” to your knowledge base`;
              })
            }
          >
            Save as runbook
          </Button>
        </div>
        {notice && (
          <p role="status" data-testid="case-action-status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {notice}
          </p>
        )}
        <ErrorNote message={error} onDismiss={() => setError(null)} />
      </header>
      <section aria-label="Investigation" className="space-y-2">
        <h3 className="font-semibold">Investigation</h3>
        <InvestigationSummary kase={kase} />
      </section>
      <section aria-label="Postmortem" className="space-y-2">
        <h3 className="font-semibold">Postmortem preview</h3>
        <PostmortemPreview caseId={kase.id} revision={revision} client={client} />
      </section>
      <section aria-label="Evidence" className="space-y-2">
        <h3 className="font-semibold">Evidence ({evidenceCount})</h3>
        <EvidenceList caseId={kase.id} />
      </section>
      <section aria-label="Conversation" className="space-y-2">
        <h3 className="font-semibold">Conversation ({messages.length})</h3>
        {messages.map((m) => (
          <div key={m.id} className="rounded-md border border-slate-200 p-2 dark:border-slate-800">
            <p className="text-[11px] text-slate-500">
              {m.role} · {new Date(m.createdAt).toLocaleString()}
              {m.status !== 'complete' ? ` · ${m.status}` : ''}
            </p>
            {m.role === 'assistant' ? <MarkdownView text={m.content} /> : <p className="text-sm whitespace-pre-wrap">{m.content}</p>}
          </div>
        ))}
      </section>
    </article>
  );
}
