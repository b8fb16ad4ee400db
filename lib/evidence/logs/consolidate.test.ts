import { describe, expect, it } from 'vitest';
import { consolidate } from './consolidate';
import { maskMessage } from './mask';

/** Groups messages and returns, per message, the text of its template. */
function templatesOf(messages: string[]): string[] {
  const index = new Map<string, number>();
  const signatures: { tokens: string[]; count: number }[] = [];
  const of = messages.map((msg) => {
    const tokens = maskMessage(msg);
    const key = tokens.join(' ');
    if (!index.has(key)) {
      index.set(key, signatures.length);
      signatures.push({ tokens, count: 0 });
    }
    signatures[index.get(key)!]!.count++;
    return index.get(key)!;
  });
  const { templateOf, templates } = consolidate(signatures);
  return of.map((s) => templates[templateOf[s]!]!.tokens.join(' '));
}

describe('consolidation', () => {
  it('turns a word column with many values into a variable', () => {
    const users = ['root', 'admin', 'test', 'guest', 'oracle', 'ftp', 'www'];
    const t = templatesOf(users.map((u) => `Invalid user ${u} from 1.2.3.4`));
    expect(new Set(t)).toEqual(new Set(['Invalid user <*> from <*>']));
  });

  it('keeps a few distinct words apart: they are different statements', () => {
    const t = templatesOf([
      ...Array(5).fill('PAM 1 more authentication failure; logname= uid=0'),
      ...Array(3).fill('PAM 2 more authentication failures; logname= uid=0'),
      ...Array(4).fill('Accepted password for root from 1.2.3.4 port 22 ssh2'),
      ...Array(6).fill('Failed password for root from 1.2.3.4 port 22 ssh2'),
    ]);
    expect(new Set(t).size).toBe(4);
  });

  it('treats a word after a value noun as the value, even with few values', () => {
    const t = templatesOf(['session opened for user cyrus by (uid=0)', 'session opened for user news by (uid=0)', 'session opened for user root by (uid=0)']);
    expect(new Set(t)).toEqual(new Set(['session opened for user <*> by (uid=<*>)']));
  });

  it('merges values that differ only in their numbers', () => {
    const t = templatesOf(['NFS Mount failed on bglio78, retrying', 'NFS Mount failed on bglio617, retrying', 'NFS Mount failed on bglio9, retrying']);
    expect(new Set(t).size).toBe(1);
  });

  it('never merges signatures of different lengths', () => {
    const t = templatesOf(['Failed password for root from 1.2.3.4', 'Failed password for invalid user bob from 1.2.3.4']);
    expect(new Set(t).size).toBe(2);
  });
});
