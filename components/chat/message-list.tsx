import { useEffect, useRef } from 'react';
import { useMessages } from '@/lib/ui/queries';
import { useTurnStream } from '@/lib/ui/turn-stream-store';
import { caseCost, formatUsd } from '@/lib/llm/tokens/cost';
import { MessageItem } from './message-item';

export function MessageList({ caseId }: { caseId: string }) {
  const messages = useMessages(caseId);
  const answers = useTurnStream((s) => s.answers);
  const bottom = useRef<HTMLDivElement>(null);
  const liveLength = Object.values(answers).reduce((n, a) => n + a.text.length, 0);

  // Follow the conversation as it grows, like a terminal tail.
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [messages?.length, liveLength]);

  if (!messages) return null;
  if (messages.length === 0) {
    return (
      <p className="p-4 text-sm text-slate-500">
        Describe the symptom, paste an error, or capture the page you are looking at. FaultMaven answers from the evidence.
      </p>
    );
  }
  return (
    <div className="space-y-3 p-3" data-testid="message-list" aria-live="polite">
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} live={answers[m.id]} />
      ))}
      <CaseCost messages={messages} />
      <div ref={bottom} />
    </div>
  );
}

/** Running total of the case: tokens and estimated cost over every answer. */
function CaseCost({ messages }: { messages: Parameters<typeof caseCost>[0] }) {
  const total = caseCost(messages);
  if (total.tokens === 0) return null;
  return (
    <p className="px-1 text-right text-[11px] text-slate-500" data-testid="case-cost">
      This case: {total.tokens.toLocaleString('en-US')} tokens
      {total.usd > 0 || total.unpriced === 0 ? ` · ~${formatUsd(total.usd)}` : ''}
      {total.unpriced > 0 && total.usd > 0 ? ` (+${total.unpriced} unpriced)` : ''}
    </p>
  );
}
