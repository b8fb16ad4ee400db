import type { MessageRecord } from '@/lib/db/records';
import { useMessages } from '@/lib/ui/queries';
import { useTurnStream } from '@/lib/ui/turn-stream-store';
import { caseCost, formatUsd } from '@/lib/llm/tokens/cost';
import { MessageItem } from './message-item';
import { VirtualList } from './virtual-list';
import { estimateTextHeight } from '@/lib/ui/virtual-window';

const keyOfMessage = (m: MessageRecord) => m.id;
const estimateMessageHeight = (m: MessageRecord) => estimateTextHeight(m.content.length);

/** The conversation: windowed once long, following the tail while an answer streams. */
export function MessageList({ caseId }: { caseId: string }) {
  const messages = useMessages(caseId);
  const answers = useTurnStream((s) => s.answers);
  const liveLength = Object.values(answers).reduce((n, a) => n + a.text.length, 0);

  if (!messages) return <div className="min-h-0 flex-1" />;
  if (messages.length === 0) {
    return (
      <p className="min-h-0 flex-1 p-4 text-sm text-slate-500">
        Describe the symptom, paste an error, or capture the page you are looking at. FaultMaven answers from the evidence.
      </p>
    );
  }
  return (
    <VirtualList
      items={messages}
      keyOf={keyOfMessage}
      renderItem={(m) => <MessageItem message={m} live={answers[m.id]} />}
      footer={<CaseCost messages={messages} />}
      growth={liveLength}
      estimateHeight={estimateMessageHeight}
      label="Conversation"
      testId="message-list"
    />
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
