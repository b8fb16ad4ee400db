// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { MessageRecord } from '@/lib/db/records';
import { MessageItem, visibleText } from './message-item';
import { EvidenceCitationContext } from './citation-context';

afterEach(cleanup);

const base: MessageRecord = {
  id: 'a1',
  caseId: 'c',
  role: 'assistant',
  content: '## Likely cause\n\n- DNS\n\n```bash\nkubectl get pods\n```',
  status: 'complete',
  createdAt: 0,
  updatedAt: 0,
  provider: 'Local',
  model: 'scripted/default',
};

describe('assistant message', () => {
  it('renders Markdown with a copyable code block and who answered', () => {
    render(<MessageItem message={base} />);
    expect(screen.getByRole('heading', { name: 'Likely cause' })).toBeTruthy();
    expect(screen.getByText('kubectl get pods')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy();
    expect(screen.getByTestId('answered-by').textContent).toContain('Local · scripted/default');
  });

  it('offers Retry on an interrupted answer and keeps its partial text', () => {
    render(<MessageItem message={{ ...base, status: 'interrupted', content: 'Partial', error: 'The answer was interrupted' }} />);
    expect(screen.getByText('Partial')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('interrupted');
  });

  it('never injects raw HTML from the model', () => {
    const { container } = render(<MessageItem message={{ ...base, content: '<img src=x onerror="alert(1)"> hi' }} />);
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows the live stream when it is ahead of the database copy', () => {
    const streaming = { ...base, status: 'streaming' as const, content: 'Chec' };
    expect(visibleText(streaming, { text: 'Check DNS', gap: false, warnings: [] })).toBe('Check DNS');
    expect(visibleText(streaming, { text: 'Check DNS', gap: true, warnings: [] })).toBe('Chec');
    expect(visibleText({ ...base, content: 'final' }, { text: 'fin', gap: false, warnings: [] })).toBe('final');
  });

  it('shows tokens and the estimated cost, and why a fallback happened', () => {
    render(
      <MessageItem
        message={{
          ...base,
          provider: 'Backup',
          model: 'gpt-4o-mini',
          usage: { inputTokens: 1200, outputTokens: 34 },
          costUsd: 0.0002004,
          fallbacks: [{ from: 'Primary', fromModel: 'gpt-4o', to: 'Backup', toModel: 'gpt-4o-mini', reason: 'rate-limit', detail: 'Rate limited (HTTP 429)' }],
        }}
      />,
    );
    expect(screen.getByTestId('answered-by').textContent).toBe('Backup · gpt-4o-mini · 1,234 tokens · ~$0.0002');
    expect(screen.getByTestId('fallback-notes').textContent).toBe('Primary was rate limited → Backup answered (Rate limited (HTTP 429))');
  });

  it('offers to unlock the keys instead of a plain Retry when they are locked', () => {
    render(<MessageItem message={{ ...base, status: 'error', content: '', errorCode: 'locked', error: 'Your API keys are locked.' }} />);
    expect(screen.getByRole('form', { name: 'Unlock the stored keys' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Unlock and retry' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});

describe('citations in an answer', () => {
  it('turns [E1] and [K1] into buttons that open the evidence or the runbook, and leaves code alone', () => {
    const opened: string[] = [];
    const message: MessageRecord = {
      ...base,
      content: 'The pool is exhausted [E1, E2]; see [K1]. Unknown [E9]. Literal `[E1]`.',
      citations: [{ label: 'K1', documentId: 'd', chunkId: 'c', title: 'Pools', citation: 'Pools › Exhaustion', source: 'runbook', tier: 'global' }],
    };
    render(
      <EvidenceCitationContext.Provider value={{ titleOf: (l) => ({ E1: 'Grafana checkout', E2: 'app.log' })[l] ?? null, open: (l) => opened.push(l) }}>
        <MessageItem message={message} />
      </EvidenceCitationContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Source E1: Grafana checkout' }));
    fireEvent.click(screen.getByRole('button', { name: 'Source E2: app.log' }));
    expect(opened).toEqual(['E1', 'E2']);
    expect(screen.getByRole('button', { name: 'Source K1: Pools › Exhaustion' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /E9/ })).toBeNull();
    expect(screen.getByText('[E1]').tagName).toBe('CODE');
  });

  it('lists the runbooks an answer cites and folds the others away', () => {
    const message: MessageRecord = {
      ...base,
      content: 'Raise the pool size, as the runbook says [K2].',
      citations: [
        { label: 'K1', documentId: 'a', chunkId: 'a1', title: 'Disk', citation: 'Disk › Symptoms', source: 'runbook', tier: 'global' },
        { label: 'K2', documentId: 'b', chunkId: 'b1', title: 'Pools', citation: 'Pools › Fixes', source: 'runbook', tier: 'global' },
      ],
    };
    render(<MessageItem message={message} />);
    const cited = screen.getByRole('list', { name: 'Knowledge sources' });
    expect(cited.textContent).toBe('[K2] Pools › Fixes');
    const folded = screen.getByRole('list', { name: 'Runbooks consulted', hidden: true });
    expect(folded.closest('details')?.open).toBe(false);
    expect(folded.textContent).toBe('[K1] Disk › Symptoms');
    expect(screen.getByText('Other runbooks consulted (1)')).toBeTruthy();
  });

  it('offers the near misses of a search that was not confident, folded and marked as not given to the model', () => {
    const message: MessageRecord = {
      ...base,
      content: 'No runbook covers this; check the pool metrics first.',
      citations: [{ label: 'R1', documentId: 'a', chunkId: 'a1', title: 'Disk', citation: 'Disk › Symptoms', source: 'runbook', tier: 'global', weak: true }],
    };
    render(<MessageItem message={message} />);
    const related = screen.getByRole('list', { name: 'Possibly related runbooks', hidden: true });
    expect(related.closest('details')?.open).toBe(false);
    expect(related.textContent).toBe('[R1] Disk › Symptoms');
    expect(screen.getByText(/not given to the model/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Knowledge sources' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Runbooks consulted', hidden: true })).toBeNull();
  });
});
