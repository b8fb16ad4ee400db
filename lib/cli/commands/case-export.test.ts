import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCaseExport } from '../../cases/case-export-format';
import { postmortemMarkdown } from '../../cases/postmortem-markdown';
import { SECRET_PASSWORD, incidentCase } from '../../../tests/support/incident-case';
import { runCli } from '../main';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function tempFile(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fm-case-')), name);
  fs.writeFileSync(file, content);
  return file;
}

describe('fm case export', () => {
  const bundle = incidentCase();
  const exported = JSON.stringify(toCaseExport(bundle, Date.UTC(2026, 10, 24, 15)));

  it('prints the same postmortem as the extension from an exported case', async () => {
    const file = tempFile('case.json', exported);
    const result = await cli(['case', 'export', file, '--format', 'markdown']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(postmortemMarkdown(bundle));
    expect(result.out).not.toContain(SECRET_PASSWORD);
  });

  it('writes to --out and validates --format json', async () => {
    const file = tempFile('case.json', exported);
    const out = path.join(path.dirname(file), 'pm.md');
    expect((await cli(['case', 'export', file, '--out', out])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('## Timeline');
    const json = await cli(['case', 'export', file, '--format', 'json']);
    expect(JSON.parse(json.out)).toMatchObject({ format: 'faultmaven-case', version: 1, case: { id: 'case-checkout-1' } });
  });

  it('explains bad input', async () => {
    expect((await cli(['case', 'export'])).code).toBe(2);
    expect((await cli(['case', 'export', 'x.json', '--format', 'pdf'])).err).toContain('--format must be one of markdown, json, got pdf');
    expect((await cli(['case', 'export', '/nonexistent/case.json'])).err).toContain('Cannot read /nonexistent/case.json');
    const wrong = await cli(['case', 'export', tempFile('other.json', '{"format":"something-else"}')]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('This is not a FaultMaven case export');
  });
});
