import type { FormEvent, KeyboardEvent } from 'react';
import { useTurnStream } from '@/lib/ui/turn-stream-store';
import { requestTurn } from '@/lib/ui/turn-client';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { PromptPreviewToggle } from './prompt-preview';

export const COMPOSER_ID = 'composer-message';

/** Message input. Drafts live in the store per case, so switching cases never loses one. */
export function Composer({ caseId, disabled }: { caseId: string; disabled?: boolean }) {
  const draft = useTurnStream((s) => s.drafts[caseId] ?? '');
  const setDraft = useTurnStream((s) => s.setDraft);
  const requestError = useTurnStream((s) => s.requestError);
  const setRequestError = useTurnStream((s) => s.setRequestError);

  function send(event?: FormEvent) {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) return;
    requestTurn({ type: 'send', caseId, text });
    setDraft(caseId, '');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  }

  return (
    <form onSubmit={send} className="space-y-2 border-t border-slate-200 p-2 dark:border-slate-800">
      <ErrorNote message={requestError} onDismiss={() => setRequestError(null)} />
      <div className="flex items-end gap-2">
        <textarea
          id={COMPOSER_ID}
          aria-label="Message"
          aria-keyshortcuts="Control+K Meta+K"
          rows={2}
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(caseId, e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={disabled ? 'This case is closed' : 'Ask about the incident… (Enter to send, Shift+Enter for a new line)'}
          className="max-h-48 min-h-[2.5rem] flex-1 resize-y rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <Button type="submit" variant="primary" disabled={disabled || !draft.trim()}>
          Send
        </Button>
      </div>
      {!disabled && <PromptPreviewToggle caseId={caseId} draft={draft} />}
    </form>
  );
}
