import { describe, expect, it } from 'vitest';
import { analyzeLogText, LogAnalyzer } from './log-analyzer';
import { summarizeLog } from './summarize';

/** An nginx-ish incident: steady traffic, then upstream errors burst at 14:05. */
function incidentLog(): string {
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const s = String(i % 60).padStart(2, '0');
    lines.push(`2024-06-10 14:0${Math.floor(i / 10)}:${s} INFO  [main] c.a.Api - GET /api/orders/${1000 + i} 200 in ${10 + i} ms`);
  }
  lines.push('');
  for (let i = 0; i < 12; i++) lines.push(`2024-06-10 14:05:${String(i).padStart(2, '0')} ERROR [main] c.a.Api - upstream 10.0.0.${i} timed out after 3000 ms`);
  lines.push('2024-06-10 14:05:30 FATAL [main] c.a.Db - connection pool exhausted (max 20)');
  return lines.join('\n');
}

describe('LogAnalyzer', () => {
  it('mines templates with counts, first/last seen, levels and per-line assignments', () => {
    const a = analyzeLogText(incidentLog(), { recordAssignments: true });
    expect(a.lines).toBe(54);
    expect(a.blankLines).toBe(1);
    expect(a.templates.map((t) => [t.id, t.template, t.count, t.level])).toEqual([
      [1, 'GET <*> in <*>', 40, 'INFO'],
      [2, 'upstream <*> timed out after <*>', 12, 'ERROR'],
      [3, 'connection pool exhausted (max <*>', 1, 'FATAL'],
    ]);
    const upstream = a.templates[1]!;
    expect([upstream.first, upstream.last, upstream.firstLine, upstream.lastLine]).toEqual(['2024-06-10T14:05:00', '2024-06-10T14:05:11', 42, 53]);
    expect(upstream.example).toContain('upstream 10.0.0.0 timed out');
    expect(upstream.lastExample).toContain('upstream 10.0.0.11 timed out');
    expect(Array.from(a.assignments!)).toEqual([...Array(40).fill(1), 0, ...Array(12).fill(2), 3]);
  });

  it('builds the error timeline per minute', () => {
    const a = analyzeLogText(incidentLog());
    const at = (hhmm: string) => a.timeline.find((b) => new Date(b.start).toISOString().slice(11, 16) === hhmm);
    expect(at('14:05')).toMatchObject({ lines: 13, errors: 13 });
    expect(at('14:00')).toMatchObject({ lines: 10, errors: 0 });
    expect(a.bucketMs).toBe(60_000);
  });

  it('gives the same result whatever the chunking', () => {
    const text = incidentLog();
    const whole = analyzeLogText(text, { recordAssignments: true });
    const analyzer = new LogAnalyzer({ recordAssignments: true });
    for (let i = 0; i < text.length; i += 7) analyzer.push(text.slice(i, i + 7));
    const chunked = analyzer.finish();
    expect(chunked.templates).toEqual(whole.templates);
    expect(Array.from(chunked.assignments!)).toEqual(Array.from(whole.assignments!));
  });

  it('keeps memory bounded when every line is new: the signature table stops growing', () => {
    const analyzer = new LogAnalyzer({ maxSignatures: 50 });
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    for (let i = 0; i < 5_000; i++) analyzer.addLine(`job ${words[i % 8]}${words[(i >> 3) % 8]}${words[(i >> 6) % 8]} finished state ${words[(i >> 9) % 8]}`);
    const a = analyzer.finish();
    expect(a.lines).toBe(5_000);
    expect((analyzer as unknown as { miner: { size: number } }).miner.size).toBeLessThanOrEqual(50);
    expect(a.templates.reduce((s, t) => s + t.count, 0)).toBe(5_000);
  });
});

describe('bad input', () => {
  it('an empty input gives an empty analysis and says so', () => {
    const a = analyzeLogText('');
    expect([a.lines, a.templates.length, a.timeline.length]).toEqual([0, 0, 0]);
    expect(summarizeLog(a)).toMatch(/empty/);
  });

  it('binary bytes are analysed as text without crashing', () => {
    let noise = '';
    let seed = 42;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise += String.fromCharCode(seed % 256);
    }
    const a = analyzeLogText(noise, { recordAssignments: true });
    expect(a.lines).toBeGreaterThan(0);
    expect(a.assignments!.length).toBe(a.lines);
    expect(typeof summarizeLog(a)).toBe('string');
  });

  it('invalid UTF-8 (decoded with replacement characters) is analysed', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('2024-06-10 14:05:00 ERROR bad byte '), 0xc3, 0x28, 0xff, 0x0a, ...new TextEncoder().encode('2024-06-10 14:05:01 ERROR bad byte x\n')]);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const a = analyzeLogText(text);
    expect(a.lines).toBe(2);
    expect(a.templates[0]!.level).toBe('ERROR');
  });

  it('a 50 MB line is cut to the cap, counted, and reported', () => {
    const analyzer = new LogAnalyzer({ recordAssignments: true });
    const piece = 'x'.repeat(1024 * 1024);
    analyzer.push('2024-06-10 14:05:00 ERROR huge payload ');
    for (let i = 0; i < 50; i++) analyzer.push(piece);
    analyzer.push('\n2024-06-10 14:05:01 INFO after the long line\n');
    const a = analyzer.finish();
    expect(a.lines).toBe(2);
    expect(a.longLines).toBe(1);
    expect(a.droppedChars).toBeGreaterThan(50 * 1024 * 1024 - 70_000);
    expect(a.templates.map((t) => t.level)).toEqual(['ERROR', 'INFO']);
    expect(a.templates[0]!.example.length).toBeLessThanOrEqual(501);
    expect(summarizeLog(a)).toMatch(/over-long line/);
  });
});
