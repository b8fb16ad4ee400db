import { describe, expect, it } from 'vitest';
import { Redactor, type RedactedFinding } from './redactor';
import { StreamRedactor } from './stream-redactor';

function run(chunks: string[], maxPendingChars?: number) {
  const redactor = new Redactor({ salt: 's' });
  let text = '';
  const findings: RedactedFinding[] = [];
  const stream = new StreamRedactor(
    redactor,
    (t, f) => {
      text += t;
      findings.push(...f);
    },
    maxPendingChars ? { maxPendingChars } : {},
  );
  for (const c of chunks) stream.push(c);
  stream.end();
  return { text, findings };
}

const ORIGINAL = [
  '2024-06-10 INFO start',
  'export GITHUB_TOKEN=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACB0ZXN0a2V5dGVzdGtleXRlc3RrZXl0ZXN0a2V5dGVzdAAAAJg=',
  '-----END OPENSSH PRIVATE KEY-----',
  'mail ops@acme-corp.com',
  '',
].join('\n');

describe('StreamRedactor', () => {
  it('gives the same text and offsets as redacting the whole text, for any chunking', () => {
    const whole = new Redactor({ salt: 's' }).redact(ORIGINAL);
    for (const size of [1, 7, 64, 10_000]) {
      const chunks: string[] = [];
      for (let i = 0; i < ORIGINAL.length; i += size) chunks.push(ORIGINAL.slice(i, i + size));
      const streamed = run(chunks);
      expect(streamed.text).toBe(whole.text);
      expect(streamed.findings).toEqual(whole.findings);
    }
  });

  it('handles a 50 MB single line in bounded pieces without losing a secret in it', () => {
    const filler = 'x '.repeat(512 * 1024); // 1 MB
    const secret = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const chunks: string[] = [];
    for (let i = 0; i < 50; i++) chunks.push(i === 25 ? `${filler.slice(0, 1000)} ${secret} ${filler.slice(1000)}` : filler);
    const { text, findings } = run(chunks, 4 * 1024 * 1024);
    expect(findings.map((f) => f.type)).toEqual(['github-token']);
    const start = findings[0]!.start;
    expect(chunks.join('').slice(start, findings[0]!.end)).toBe(secret);
    expect(text).not.toContain(secret);
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
  });

  it('handles empty input', () => {
    expect(run([])).toEqual({ text: '', findings: [] });
  });
});
