import { describe, expect, it } from 'vitest';
import { detach, LineSplitter } from './line-splitter';

function split(chunks: string[], max?: number): [string, number][] {
  const lines: [string, number][] = [];
  const s = new LineSplitter((text, dropped) => lines.push([text, dropped]), max);
  for (const c of chunks) s.push(c);
  s.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits on \\n, \\r\\n and \\r, across chunk boundaries', () => {
    expect(split(['a\nb', 'c\r', '\nd\re\r\n', 'f']).map(([t]) => t)).toEqual(['a', 'bc', 'd', 'e', 'f']);
  });

  it('emits a last line without newline, and nothing for empty input', () => {
    expect(split(['x\n']).map(([t]) => t)).toEqual(['x']);
    expect(split([''])).toEqual([]);
    expect(split(['\n\n']).map(([t]) => t)).toEqual(['', '']);
  });

  it('keeps at most maxLineChars of a line and counts the rest', () => {
    expect(split(['abcdef', 'ghij\nok'], 4)).toEqual([
      ['abcd', 6],
      ['ok', 0],
    ]);
  });

  it('detach returns an equal string', () => {
    const big = 'x'.repeat(100_000);
    expect(detach(big.slice(10, 50))).toBe('x'.repeat(40));
  });
});
