import { useState } from 'react';
import { PHASE_LABELS } from '@/engines/phases';
import { sendCommand } from '@/lib/messaging/client';
import { useCase, useMessages } from '@/lib/ui/queries';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { MarkdownView } from '@/components/chat/markdown-view';
import { EvidenceList } from '@/components/evidence/evidence-list';

export function CaseDetail({ caseId, onDeleted }: { caseId: string; onDeleted: () => void }) {
  const kase = useCase(caseId);
  const messages = useMessages(caseId) ?? [];
  const [error, setError] = useState<string | null>(null);
  if (kase === undefined) return null;
  if (kase === null) return <p className="p-6 text-sm text-slate-500">This case was deleted.</p>;

  const run = (action: Promise<unknown>) => action.catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));

  return (
    <article className="space-y-4 p-6" aria-label={`Case ${kase.title}`}>
      <header className="space-y-1">
        <div className="flex items-center gap-2">
          <SeverityBadge severity={kase.severity} />
          <h2 className="flex-1 text-lg font-semibold">{kase.title}</h2>
        </div>
        <p className="text-sm text-slate-500">
          {kase.status} · phase {PHASE_LABELS[kase.phase]} · opened {new Date(kase.createdAt).toLocaleString()}
        </p>
        <div className="flex gap-2 pt-1">
          <Button onClick={() => void run(sendCommand('case/set-active', { caseId: kase.id }))}>Make active in side panel</Button>
          {kase.status === 'open' ? (
            <Button onClick={() => void run(sendCommand('case/update', { caseId: kase.id, patch: { status: 'closed' } }))}>Close case</Button>
          ) : (
            <Button onClick={() => void run(sendCommand('case/update', { caseId: kase.id, patch: { status: 'open' } }))}>Reopen</Button>
          )}
          <Button
            variant="danger"
            onClick={() => {
              if (confirm(`Delete “${kase.title}” with its messages and evidence? This cannot be undone.`)) {
                void run(sendCommand('case/delete', { caseId: kase.id }).then(onDeleted));
              }
            }}
          >
            Delete
          </Button>
        </div>
        <ErrorNote message={error} onDismiss={() => setError(null)} />
      </header>
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
      <section aria-label="Evidence" className="space-y-2">
        <h3 className="font-semibold">Evidence</h3>
        <EvidenceList caseId={kase.id} />
      </section>
    </article>
  );
}
