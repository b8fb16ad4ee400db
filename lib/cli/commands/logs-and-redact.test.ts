import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../main';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function fm(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const LOG = [
  'Jun 14 15:16:01 combo sshd[101]: Invalid user admin from 10.0.0.1',
  'Jun 14 15:16:02 combo sshd[102]: Invalid user oracle from 10.0.0.2',
  '',
  'Jun 14 15:16:03 combo sshd[103]: Accepted password for root from 10.0.0.3 port 22 ssh2',
  'Jun 14 15:17:04 combo sshd[104]: Invalid user test from 10.0.0.4',
  'Jun 14 15:17:05 combo sshd[105]: Invalid user guest from 10.0.0.5',
  'Jun 14 15:17:06 combo sshd[106]: Invalid user ftp from 10.0.0.6',
  'Jun 14 15:17:07 combo sshd[107]: Invalid user www from 10.0.0.7',
].join('\n');

describe('fm logs analyze', () => {
  it('--json prints exactly templates, assignments and summary', async () => {
    const { code, stdout } = await fm('logs', 'analyze', file('auth.log', LOG), '--json', '--year', '2024');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['templates', 'assignments', 'summary']);
    expect(out.templates).toEqual([
      { id: 1, template: 'Invalid user <*> from <*>', count: 6, first: '2024-06-14T15:16:01', last: '2024-06-14T15:17:07', level: null },
      { id: 2, template: 'Accepted password for root from <*> port <*> ssh2', count: 1, first: '2024-06-14T15:16:03', last: '2024-06-14T15:16:03', level: null },
    ]);
    expect(out.assignments).toEqual([1, 1, null, 2, 1, 1, 1, 1]);
    expect(out.summary).toMatch(/^Log summary: 8 lines \(1 blank\) in 2 templates/);
  });

  it('prints a readable summary and template list by default', async () => {
    const { code, stdout } = await fm('logs', 'analyze', file('auth2.log', LOG));
    expect(code).toBe(0);
    expect(stdout).toMatch(/Log summary: 8 lines/);
    expect(stdout).toMatch(/All 2 templates/);
    expect(stdout).toMatch(/T1\s+6\s+-\s+.*Invalid user <\*> from <\*>/);
  });

  it('refuses binary files and missing files with a clear message', async () => {
    const gz = await fm('logs', 'analyze', file('logs.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])));
    expect(gz).toMatchObject({ code: 1, stdout: '' });
    expect(gz.stderr).toMatch(/looks binary \(it is a gzip archive\)/);
    const nul = await fm('logs', 'analyze', file('data.bin', new Uint8Array([0x41, 0x42, 0, 0x43, 0x0a])));
    expect(nul.stderr).toMatch(/looks binary \(it contains NUL bytes\)/);
    const missing = await fm('logs', 'analyze', path.join(dir, 'nope.log'));
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('handles an empty file, invalid UTF-8 and bad arguments', async () => {
    const empty = await fm('logs', 'analyze', file('empty.log', ''), '--json');
    expect(JSON.parse(empty.stdout)).toEqual({ templates: [], assignments: [], summary: 'Log summary: the input is empty (0 lines).' });
    const bad = await fm('logs', 'analyze', file('bad.log', new Uint8Array([...Buffer.from('2024-06-10 12:00:00 ERROR caf'), 0xc3, 0x28, 0x0a])), '--json');
    expect(JSON.parse(bad.stdout).summary).toMatch(/^1 invalid UTF-8 sequence\(s\) were replaced/);
    expect((await fm('logs', 'analyze')).code).toBe(2);
    expect((await fm('logs', 'analyze', 'x.log', '--budget', 'ten')).code).toBe(2);
  });

  it('analyses a 50 MB single-line file without holding the line', async () => {
    const p = path.join(dir, 'one-line.log');
    const fd = fs.openSync(p, 'w');
    fs.writeSync(fd, '2024-06-10 12:00:00 ERROR payload ');
    const mb = Buffer.alloc(1024 * 1024, 'y');
    for (let i = 0; i < 50; i++) fs.writeSync(fd, mb);
    fs.closeSync(fd);
    const { code, stdout } = await fm('logs', 'analyze', p, '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.assignments).toEqual([1]);
    expect(out.templates[0]).toMatchObject({ count: 1, level: 'ERROR' });
    expect(out.summary).toMatch(/1 over-long line\(s\): only their first part was analysed/);
  });
});

describe('fm redact', () => {
  const CONFIG = 'DB_HOST=db.internal\nDB_PASSWORD=Pa55word!x\nGITHUB_TOKEN=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8\nreplica uses Pa55word!x too? no: password=Pa55word!x\n';

  it('--json prints the redacted text and findings at offsets into the original', async () => {
    const { code, stdout, stderr } = await fm('redact', file('app.env', CONFIG), '--json', '--salt', 'case-7');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['text', 'findings']);
    expect(out.findings.map((f: { type: string; start: number; end: number }) => [f.type, CONFIG.slice(f.start, f.end)])).toEqual([
      ['config-password', 'Pa55word!x'],
      ['github-token', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
      // In prose nothing says "password", but the value is known from line 2.
      ['config-password', 'Pa55word!x'],
      ['config-password', 'Pa55word!x'],
    ]);
    expect(Object.keys(out.findings[0])).toEqual(['type', 'start', 'end']);
    expect(out.text).not.toMatch(/Pa55word|ghp_/);
    // Same secret, same placeholder; same salt, same placeholders on another run.
    const placeholders = out.text.match(/\[REDACTED:config-password:[a-z]+\]/g);
    expect(new Set(placeholders).size).toBe(1);
    const again = JSON.parse((await fm('redact', path.join(dir, 'app.env'), '--json', '--salt', 'case-7')).stdout);
    expect(again.text).toBe(out.text);
    expect(stderr).toMatch(/Masked 4 values: 3 Password in config, 1 GitHub token/);
  });

  it('prints redacted text by default and writes the local mapping when asked', async () => {
    const mapping = path.join(dir, 'mapping.json');
    const { code, stdout } = await fm('redact', '--ips', file('app2.env', `${CONFIG}peer 10.1.2.3\n`), '--mapping', mapping);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^DB_HOST=db.internal\nDB_PASSWORD=\[REDACTED:config-password:[a-z]{8}\]\n/);
    expect(stdout).toMatch(/peer \[REDACTED:ip-address:[a-z]{8}\]/);
    const map = JSON.parse(fs.readFileSync(mapping, 'utf8'));
    expect(Object.values(map)).toContainEqual({ type: 'ip-address', value: '10.1.2.3' });
    expect(fs.statSync(mapping).mode & 0o777).toBe(0o600);
  });

  it('refuses binary input, and handles empty input', async () => {
    const png = await fm('redact', file('shot.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
    expect(png.code).toBe(1);
    expect(png.stderr).toMatch(/looks binary \(it is a PNG image\)/);
    const empty = await fm('redact', file('empty.txt', ''), '--json');
    expect(JSON.parse(empty.stdout)).toEqual({ text: '', findings: [] });
    expect(empty.stderr).toMatch(/No secrets found/);
  });

  it('streams a 50 MB single line and still finds the secret in it', async () => {
    const p = path.join(dir, 'one-line.txt');
    const fd = fs.openSync(p, 'w');
    const mb = Buffer.alloc(1024 * 1024, 'z ');
    for (let i = 0; i < 50; i++) fs.writeSync(fd, i === 30 ? Buffer.concat([mb, Buffer.from(' password=Pa55word!x ')]) : mb);
    fs.closeSync(fd);
    let bytes = 0;
    let stderr = '';
    const code = await runCli(['redact', p], { stdout: (t) => (bytes += t.length), stderr: (t) => (stderr += t) });
    expect(code).toBe(0);
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(stderr).toMatch(/Masked 1 value: 1 Password in config/);
  });
});
