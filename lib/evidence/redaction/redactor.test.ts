import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor';

const TEXT = 'login with DB_PASSWORD=Pa55word!x then again password: "Pa55word!x" and mail ops@acme-corp.com';

describe('Redactor', () => {
  it('masks every occurrence with offsets into the original text', () => {
    const r = new Redactor({ salt: 'case-1' });
    const { text, findings } = r.redact(TEXT);
    expect(findings.map((f) => [f.type, TEXT.slice(f.start, f.end)])).toEqual([
      ['config-password', 'Pa55word!x'],
      ['config-password', 'Pa55word!x'],
      ['email', 'ops@acme-corp.com'],
    ]);
    expect(text).not.toContain('Pa55word');
    expect(text).not.toContain('ops@acme');
    expect(text).toMatch(/DB_PASSWORD=\[REDACTED:config-password:[a-z]{8}\] then/);
  });

  it('gives the same secret the same placeholder, across calls and redactor instances of one case', () => {
    const a = new Redactor({ salt: 'case-1' }).redact(TEXT);
    const b = new Redactor({ salt: 'case-1' }).redact(`again: ${TEXT}`);
    expect(a.findings[0]!.placeholder).toBe(a.findings[1]!.placeholder);
    expect(b.findings[0]!.placeholder).toBe(a.findings[0]!.placeholder);
  });

  it('gives another case other placeholders, and placeholders never contain the value', () => {
    const a = new Redactor({ salt: 'case-1' }).redact(TEXT);
    const c = new Redactor({ salt: 'case-2' }).redact(TEXT);
    expect(c.findings[0]!.placeholder).not.toBe(a.findings[0]!.placeholder);
    expect(a.findings[0]!.placeholder).not.toMatch(/Pa55/);
  });

  it('keeps a local mapping that restores the original', () => {
    const r = new Redactor({ salt: 'case-1' });
    const { text, findings } = r.redact(TEXT);
    expect(r.restore(text)).toBe(TEXT);
    expect(r.mapping.get(findings[2]!.placeholder)).toEqual({ type: 'email', value: 'ops@acme-corp.com' });
    expect(r.restore('unknown [REDACTED:email:zzzzzzzz] stays')).toBe('unknown [REDACTED:email:zzzzzzzz] stays');
  });

  it('does not mask its own placeholders again', () => {
    const r = new Redactor({ salt: 'case-1' });
    const once = r.redact(TEXT).text;
    expect(r.redact(once)).toEqual({ text: once, findings: [] });
  });
});

describe('known secrets', () => {
  it('masks a secret wherever it appears once it has been found, also in later texts', () => {
    const r = new Redactor({ salt: 'case-1' });
    r.learn('DB_PASSWORD=Pa55word!x');
    const { text, findings } = r.redact('I tried Pa55word!x by hand and it failed');
    expect(text).toMatch(/^I tried \[REDACTED:config-password:[a-z]{8}\] by hand/);
    expect(findings).toHaveLength(1);
    expect(r.knownCount).toBe(1);
  });

  it('does not hunt for short values everywhere', () => {
    const r = new Redactor({ salt: 'case-1' });
    r.learn('password=abc12');
    expect(r.redact('build abc12 passed').findings).toEqual([]);
  });
});
