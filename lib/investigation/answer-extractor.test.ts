import { describe, expect, it } from 'vitest';
import { createAnswerExtractor } from './answer-extractor';

function feed(chunks: string[]) {
  const extractor = createAnswerExtractor();
  const pieces = chunks.map((c) => extractor.push(c));
  return { text: pieces.join(''), pieces, extractor };
}

describe('streamed answer extraction', () => {
  it('decodes the answer field progressively, across split escapes', () => {
    const json = JSON.stringify({ answer: '## Cause\n\nThe pool is "full" \\ see [E1] – ✓ \u00e9', keyFacts: [] });
    const chunks = json.match(/.{1,3}/gs)!;
    const { text, pieces } = feed(chunks);
    expect(text).toBe('## Cause\n\nThe pool is "full" \\ see [E1] – ✓ é');
    expect(pieces.filter(Boolean).length).toBeGreaterThan(5);
  });

  it('ignores fields after the answer and tolerates a code fence', () => {
    const { text } = feed(['```json\n{"answer": "Check DNS', '.", "conclusion": {"statement": "no"}}\n```']);
    expect(text).toBe('Check DNS.');
  });

  it('passes plain prose through when the model ignored the format', () => {
    const { text, extractor } = feed(['The pool ', 'is exhausted.']);
    expect(text).toBe('The pool is exhausted.');
    expect(extractor.mode()).toBe('text');
  });

  it('decodes \\u escapes only once complete', () => {
    const extractor = createAnswerExtractor();
    expect(extractor.push('{"answer":"a\\u00')).toBe('a');
    expect(extractor.push('e9b"}')).toBe('éb');
  });
});
