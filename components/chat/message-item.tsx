import { memo, useMemo } from 'react';
import type { MessageRecord } from '@/lib/db/records';
import type { LiveAnswer } from '@/lib/ui/turn-stream-store';
import { requestTurn } from '@/lib/ui/turn-client';
import { describeFallback } from '@/lib/llm/fallback/describe-fallback';
import { formatUsd } from '@/lib/llm/tokens/cost';
import { Button } from '@/components/ui/button';
import { UnlockForm } from '@/components/options/unlock-form';
import { MarkdownView } from './markdown-view';
import { KnowledgeSources, openKnowledgeDocument } from './knowledge-sources';
import { useEvidenceCitations, type CitationResolver } from './citation-context';

/** The text to show: the live stream when it is ahead of the last database write. */
export function visibleText(message: MessageRecord, live: LiveAnswer | undefined): string {
  if (!live || live.gap || message.status === 'complete') return message.content;
  return live.text.length >= message.content.length ? live.text : message.content;
}

/** "1,234 tokens · ~$0.0012": usage and estimated cost of one answer. */
export function usageLine(message: MessageRecord): string {
  if (!message.usage) return '';
  const tokens = message.usage.inputTokens + message.usage.outputTokens;
  const parts = [`${message.usageEstimated ? '~' : ''}${tokens.toLocaleString('en-US')} tokens`];
  if (message.costUsd !== undefined) parts.push(`~${formatUsd(message.costUsd)}`);
  return parts.join(' · ');
}

/** `[K1]` from this answer's knowledge sources, `[E2]` from the case's evidence. */
function useCitationResolver(message: MessageRecord): CitationResolver {
  const evidence = useEvidenceCitations();
  return useMemo(() => {
    const knowledge = new Map((message.citations ?? []).map((c) => [c.label.toUpperCase(), c]));
    return {
      titleOf: (label) => {
        const upper = label.toUpperCase();
        if (upper.startsWith('K')) return knowledge.get(upper)?.citation ?? null;
        return evidence?.titleOf(upper) ?? null;
      },
      open: (label) => {
        const upper = label.toUpperCase();
        const hit = knowledge.get(upper);
        if (hit) openKnowledgeDocument(hit.documentId);
        else evidence?.open(upper);
      },
    };
  }, [message.citations, evidence]);
}

/**
 * Re-renders only when the message itself changed: a live query hands back fresh objects for
 * the whole conversation on every write, and re-parsing a thousand answers' Markdown on each
 * streamed chunk is what would make long conversations stutter.
 */
export const MessageItem = memo(
  MessageItemView,
  (a, b) =>
    a.live === b.live &&
    a.message.id === b.message.id &&
    a.message.updatedAt === b.message.updatedAt &&
    a.message.status === b.message.status &&
    a.message.content === b.message.content,
);

function MessageItemView({ message, live }: { message: MessageRecord; live?: LiveAnswer }) {
  const citations = useCitationResolver(message);
  if (message.role === 'user') {
    return (
      <div className="flex justify-end" data-testid="message" data-role="user">
        <div className="max-w-[90%] rounded-lg bg-sky-700 px-3 py-2 text-sm whitespace-pre-wrap text-white dark:bg-sky-800">
          {message.content}
        </div>
      </div>
    );
  }
  const text = visibleText(message, live);
  const working = message.status === 'pending' || message.status === 'streaming';
  const fallbacks = message.fallbacks ?? live?.fallbacks ?? [];
  const retry = () => requestTurn({ type: 'retry', assistantMessageId: message.id });
  const usage = usageLine(message);
  return (
    <div data-testid="message" data-role="assistant" data-status={message.status} aria-busy={working}>
      <div className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
        {text ? <MarkdownView text={text} citations={citations} /> : working ? <p className="text-sm text-slate-500">Thinking…</p> : null}
        {working && text && <span className="inline-block h-3 w-1.5 animate-pulse bg-slate-500" aria-hidden />}
        {live?.warnings.map((w) => (
          <p key={w} className="mt-1 text-xs text-amber-700 dark:text-amber-400">
            {w}
          </p>
        ))}
        {(message.status === 'interrupted' || message.status === 'error') && (
          <div className="mt-2 space-y-2 border-t border-slate-200 pt-2 dark:border-slate-800" role="status">
            <div className="flex items-center gap-2">
              <p className="flex-1 text-xs text-red-800 dark:text-red-300">{message.error ?? 'This answer did not finish.'}</p>
              {message.errorCode !== 'locked' && <Button onClick={retry}>Retry</Button>}
            </div>
            {message.errorCode === 'locked' && <UnlockForm submitLabel="Unlock and retry" onUnlocked={retry} />}
          </div>
        )}
        {working && (
          <div className="mt-1 text-right">
            <Button variant="ghost" onClick={() => requestTurn({ type: 'abort', assistantMessageId: message.id })}>
              Stop
            </Button>
          </div>
        )}
      </div>
      {message.provider && (
        <p className="mt-0.5 px-1 text-[11px] text-slate-500" data-testid="answered-by">
          {message.provider} · {message.model}
          {usage ? ` · ${usage}` : ''}
        </p>
      )}
      {message.citations && <KnowledgeSources citations={message.citations} answer={message.content} />}
      {fallbacks.length > 0 && (
        <ul className="px-1 text-[11px] text-amber-800 dark:text-amber-300" data-testid="fallback-notes" aria-label="Provider fallbacks">
          {fallbacks.map((note, i) => (
            <li key={i} title={note.detail}>
              {describeFallback(note)} <span className="text-slate-500">({note.detail})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
