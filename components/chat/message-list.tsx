import { useEffect, useRef } from 'react';
import { useMessages } from '@/lib/ui/queries';
import { useTurnStream } from '@/lib/ui/turn-stream-store';
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
      <div ref={bottom} />
    </div>
  );
}
