import { beforeEach, describe, expect, it } from 'vitest';
import { mergeDelta, streamingAnswerId, useTurnStream } from './turn-stream-store';

const empty = { text: '', gap: false, warnings: [] };

describe('live answer merging', () => {
  it('appends in order, ignores repeats, trims overlaps and flags holes', () => {
    let a = mergeDelta(empty, 'Hel', 0);
    a = mergeDelta(a, 'lo', 3);
    expect(a.text).toBe('Hello');
    expect(mergeDelta(a, 'llo', 2).text).toBe('Hello');
    expect(mergeDelta(a, 'lo wor', 3).text).toBe('Hello wor');
    const gap = mergeDelta(a, 'ld', 9);
    expect(gap.gap).toBe(true);
    expect(gap.text).toBe('Hello');
  });
});

describe('turn stream store', () => {
  beforeEach(() => useTurnStream.setState({ answers: {}, requestError: null, drafts: {} }));

  it('follows a turn from start to finish', () => {
    const { apply } = useTurnStream.getState();
    apply({ type: 'turn-start', caseId: 'c', userMessageId: 'u', assistantMessageId: 'a', provider: 'Local', model: 'm' });
    apply({ type: 'text-delta', assistantMessageId: 'a', delta: 'Check ', offset: 0 });
    apply({ type: 'text-delta', assistantMessageId: 'a', delta: 'DNS', offset: 6 });
    expect(useTurnStream.getState().answers.a).toMatchObject({ text: 'Check DNS', provider: 'Local' });
    apply({ type: 'finish', assistantMessageId: 'a' });
    expect(useTurnStream.getState().answers.a).toBeUndefined();
  });

  it('switches the live answer to the fallback provider and keeps why', () => {
    const { apply } = useTurnStream.getState();
    apply({ type: 'turn-start', caseId: 'c', userMessageId: 'u', assistantMessageId: 'a', provider: 'Primary', model: 'gpt-4o' });
    const note = { from: 'Primary', fromModel: 'gpt-4o', to: 'Backup', toModel: 'llama3.1', reason: 'rate-limit', detail: 'Rate limited (HTTP 429)' };
    apply({ type: 'fallback', assistantMessageId: 'a', note });
    expect(useTurnStream.getState().answers.a).toMatchObject({ provider: 'Backup', model: 'llama3.1', fallbacks: [note] });
  });

  it('shows errors of requests that never started a turn', () => {
    useTurnStream.getState().apply({ type: 'error', error: { name: 'FaultMavenError', code: 'busy', message: 'still answering' } });
    expect(useTurnStream.getState().requestError).toBe('still answering');
  });

  it('keeps a draft per case', () => {
    const { setDraft } = useTurnStream.getState();
    setDraft('c1', 'half typed');
    setDraft('c2', 'other');
    expect(useTurnStream.getState().drafts).toEqual({ c1: 'half typed', c2: 'other' });
  });
});

describe('streaming answer of a case', () => {
  beforeEach(() => useTurnStream.setState({ answers: {}, requestError: null, drafts: {} }));

  it('knows which answer a case is streaming, so Esc stops the right one', () => {
    const { apply } = useTurnStream.getState();
    apply({ type: 'turn-start', caseId: 'c1', userMessageId: 'u1', assistantMessageId: 'a1', provider: 'P', model: 'm' });
    apply({ type: 'turn-start', caseId: 'c2', userMessageId: 'u2', assistantMessageId: 'a2', provider: 'P', model: 'm' });
    expect(streamingAnswerId(useTurnStream.getState().answers, 'c2')).toBe('a2');
    apply({ type: 'finish', assistantMessageId: 'a2' });
    expect(streamingAnswerId(useTurnStream.getState().answers, 'c2')).toBeNull();
    expect(streamingAnswerId(useTurnStream.getState().answers, 'c1')).toBe('a1');
  });
});
