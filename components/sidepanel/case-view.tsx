import { useState } from 'react';
import type { CaseRecord } from '@/lib/db/records';
import { PHASE_LABELS } from '@/engines/phases';
import { sendCommand } from '@/lib/messaging/client';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { Button } from '@/components/ui/button';
import { MessageList } from '@/components/chat/message-list';
import { Composer } from '@/components/chat/composer';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { CapturePageButton } from '@/components/evidence/capture-page-button';
import { FileUpload } from '@/components/evidence/file-upload';
import { ScreenshotButton } from '@/components/evidence/screenshot-button';
import { useEvidence } from '@/lib/ui/queries';
import { InvestigationPanel } from '@/components/investigation/investigation-panel';

type Tab = 'chat' | 'investigation' | 'evidence';

const TAB_LABELS: Record<Tab, string> = { chat: 'Chat', investigation: 'Investigation', evidence: 'Evidence' };

export function CaseView({ kase }: { kase: CaseRecord }) {
  const [tab, setTab] = useState<Tab>('chat');
  const evidenceCount = useEvidence(kase.id)?.length ?? 0;
  const closed = kase.status === 'closed';

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <div className="flex items-center gap-2">
          <SeverityBadge severity={kase.severity} />
          <h1 className="flex-1 truncate text-sm font-semibold" data-testid="case-title" title={kase.title}>
            {kase.title}
          </h1>
          <span className="text-[11px] text-slate-500" data-testid="case-phase">
            {PHASE_LABELS[kase.phase]} · {kase.status}
          </span>
        </div>
        <div className="mt-2 flex items-center gap-1" role="tablist" aria-label="Case sections">
          {(['chat', 'investigation', 'evidence'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              onClick={() => setTab(t)}
              className={`rounded px-2 py-0.5 text-sm whitespace-nowrap ${tab === t ? 'bg-slate-200 font-medium dark:bg-slate-800' : 'text-slate-600 dark:text-slate-400'}`}
            >
              {t === 'evidence' ? `Evidence (${evidenceCount})` : TAB_LABELS[t]}
            </button>
          ))}
          <div className="flex-1" />
          {closed && (
            <Button variant="ghost" onClick={() => void sendCommand('case/update', { caseId: kase.id, patch: { status: 'open' } })}>
              Reopen
            </Button>
          )}
        </div>
        {/* Its own row: the page title beside it can be long, and the panel is narrow. */}
        {!closed && (
          <div className="mt-2">
            <CapturePageButton caseId={kase.id} />
          </div>
        )}
      </div>
      {tab === 'chat' ? (
        <>
          <div className="min-h-0 flex-1 overflow-y-auto">
            <MessageList caseId={kase.id} />
          </div>
          <Composer caseId={kase.id} disabled={closed} />
        </>
      ) : tab === 'investigation' ? (
        <div className="min-h-0 flex-1 overflow-y-auto p-3">
          <InvestigationPanel caseId={kase.id} closed={closed} />
        </div>
      ) : (
        <div className="min-h-0 flex-1 overflow-y-auto p-3">
          {!closed && <FileUpload caseId={kase.id} />}
          {!closed && <ScreenshotButton caseId={kase.id} />}
          <EvidenceList caseId={kase.id} />
        </div>
      )}
    </div>
  );
}
