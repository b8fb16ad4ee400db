import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { CaseRecord } from '@/lib/db/records';
import { MessageList } from '@/components/chat/message-list';
import { Composer, COMPOSER_ID } from '@/components/chat/composer';
import { EvidenceCitationContext, type EvidenceCitations } from '@/components/chat/citation-context';
import { EvidenceList } from '@/components/evidence/evidence-list';
import { CapturePageButton } from '@/components/evidence/capture-page-button';
import { FileUpload } from '@/components/evidence/file-upload';
import { ScreenshotButton } from '@/components/evidence/screenshot-button';
import { useEvidenceIds } from '@/lib/ui/queries';
import { useCaseState } from '@/lib/ui/use-case-state';
import { evidenceIdByLabel, evidenceLabels } from '@/lib/ui/evidence-labels';
import { isTextField, matchShortcut } from '@/lib/ui/panel-shortcuts';
import { requestTurn } from '@/lib/ui/turn-client';
import { streamingAnswerId, useTurnStream } from '@/lib/ui/turn-stream-store';
import { InvestigationPanel } from '@/components/investigation/investigation-panel';
import { CaseHeader } from './case-header';
import { ShortcutHelp } from './shortcut-help';

type Tab = 'chat' | 'investigation' | 'evidence';
const TABS: readonly Tab[] = ['chat', 'investigation', 'evidence'];
const TAB_LABELS: Record<Tab, string> = { chat: 'Chat', investigation: 'Investigation', evidence: 'Evidence' };

export function CaseView({ kase, onNewCase }: { kase: CaseRecord; onNewCase?: () => void }) {
  const [tab, setTab] = useState<Tab>('chat');
  const [helpOpen, setHelpOpen] = useState(false);
  const [focusedEvidence, setFocusedEvidence] = useState<string | null>(null);
  const pendingComposerFocus = useRef(false);
  const evidenceIds = useEvidenceIds(kase.id);
  const state = useCaseState(kase.id);
  const closed = kase.status === 'closed';
  const streamingId = useTurnStream((s) => streamingAnswerId(s.answers, kase.id));

  // Labels as the model saw them (E1…), so "[E2]" in an answer opens the right item.
  const labels = useMemo(
    () => evidenceLabels((evidenceIds ?? []).map((id, order) => ({ id, createdAt: order })), state?.evidence ?? []),
    [evidenceIds, state?.evidence],
  );
  const citations = useMemo<EvidenceCitations>(() => {
    const byLabel = evidenceIdByLabel(labels, new Set(evidenceIds ?? []));
    // Titles as the engines registered them; an item added since the last turn is named by its label.
    const titles = new Map((state?.evidence ?? []).map((e) => [e.id, e.title]));
    return {
      titleOf: (label) => {
        const id = byLabel.get(label.toUpperCase());
        return id ? (titles.get(id) ?? `Evidence ${label.toUpperCase()}`) : null;
      },
      open: (label) => {
        const id = byLabel.get(label.toUpperCase());
        if (!id) return;
        setFocusedEvidence(id);
        setTab('evidence');
      },
    };
  }, [labels, evidenceIds, state?.evidence]);

  const showEvidence = useCallback((evidenceId: string) => {
    setFocusedEvidence(evidenceId);
    setTab('evidence');
  }, []);

  const focusComposer = useCallback(() => {
    if (tab === 'chat') document.getElementById(COMPOSER_ID)?.focus();
    else {
      pendingComposerFocus.current = true;
      setTab('chat');
    }
  }, [tab]);
  useEffect(() => {
    if (tab === 'chat' && pendingComposerFocus.current) {
      pendingComposerFocus.current = false;
      document.getElementById(COMPOSER_ID)?.focus();
    }
  }, [tab]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const shortcut = matchShortcut({
        key: event.key,
        code: event.code,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        inTextField: isTextField(event.target),
      });
      if (!shortcut) return;
      if (shortcut === 'stop-answer') {
        // Esc only means "stop" while this case is streaming; otherwise it is left to whoever else wants it.
        if (!streamingId || helpOpen) return;
        requestTurn({ type: 'abort', assistantMessageId: streamingId });
      } else if (shortcut === 'focus-composer') focusComposer();
      else if (shortcut === 'tab-chat') setTab('chat');
      else if (shortcut === 'tab-investigation') setTab('investigation');
      else if (shortcut === 'tab-evidence') setTab('evidence');
      else if (shortcut === 'show-help') setHelpOpen((open) => !open);
      else if (shortcut === 'new-case') {
        if (!onNewCase) return;
        onNewCase();
      }
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [streamingId, helpOpen, focusComposer, onNewCase]);

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab moves on to the panel.
  function onTabKey(event: ReactKeyboardEvent<HTMLButtonElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target = step ? TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]! : event.key === 'Home' ? TABS[0]! : event.key === 'End' ? TABS[TABS.length - 1]! : null;
    if (!target) return;
    event.preventDefault();
    setTab(target);
    document.getElementById(`case-tab-${target}`)?.focus();
  }

  return (
    <EvidenceCitationContext.Provider value={citations}>
      <div className="relative flex h-full min-h-0 flex-col">
        {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
        <div className="border-b border-slate-200 px-3 py-2 dark:border-slate-800">
          <CaseHeader kase={kase} onShowShortcuts={() => setHelpOpen(true)} />
          <div className="mt-2 flex items-center gap-1" role="tablist" aria-label="Case sections">
            {TABS.map((t, i) => (
              <button
                key={t}
                id={`case-tab-${t}`}
                type="button"
                role="tab"
                aria-selected={tab === t}
                aria-controls={`case-panel-${t}`}
                aria-keyshortcuts={`Alt+${i + 1}`}
                title={`${TAB_LABELS[t]} (Alt+${i + 1})`}
                tabIndex={tab === t ? 0 : -1}
                onClick={() => setTab(t)}
                onKeyDown={onTabKey}
                className={`rounded px-2 py-0.5 text-sm whitespace-nowrap focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ${tab === t ? 'bg-slate-200 font-medium dark:bg-slate-800' : 'text-slate-600 dark:text-slate-400'}`}
              >
                {t === 'evidence' ? `Evidence (${evidenceIds?.length ?? 0})` : TAB_LABELS[t]}
              </button>
            ))}
          </div>
          {/* Its own row: the page title beside it can be long, and the panel is narrow. */}
          {!closed && (
            <div className="mt-2">
              <CapturePageButton caseId={kase.id} />
            </div>
          )}
        </div>
        <div id={`case-panel-${tab}`} role="tabpanel" aria-labelledby={`case-tab-${tab}`} className="flex min-h-0 flex-1 flex-col">
          {tab === 'chat' ? (
            <>
              <MessageList caseId={kase.id} />
              <Composer caseId={kase.id} disabled={closed} />
            </>
          ) : tab === 'investigation' ? (
            <div className="min-h-0 flex-1 overflow-y-auto p-3">
              <InvestigationPanel caseId={kase.id} closed={closed} labels={labels} onOpenEvidence={showEvidence} />
            </div>
          ) : (
            <div className="min-h-0 flex-1 overflow-y-auto p-3">
              {!closed && <FileUpload caseId={kase.id} />}
              {!closed && <ScreenshotButton caseId={kase.id} />}
              <EvidenceList caseId={kase.id} labels={labels} focusedId={focusedEvidence} />
            </div>
          )}
        </div>
      </div>
    </EvidenceCitationContext.Provider>
  );
}
