import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';

const FIXTURES = path.resolve(import.meta.dirname, '../../../tests/fixtures/kb/notes');

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('fm kb index / kb search', () => {
  it('indexes a directory, skips what it cannot index with a reason, and finds the user document', async () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fm-kb-')), 'kb.json');
    const indexed = await cli(['kb', 'index', FIXTURES, '--db', db, '--json']);
    expect(indexed.code).toBe(0);
    const summary = JSON.parse(indexed.out) as { indexed: number; skipped: { relativePath: string; reason: string }[] };
    expect(summary.indexed).toBe(2);
    expect(summary.skipped).toEqual([
      { relativePath: 'config.yaml', reason: 'not a Markdown or text file' },
      { relativePath: 'empty.md', reason: 'empty' },
      { relativePath: 'nested/image.md', reason: 'binary content' },
    ]);

    const found = await cli(['kb', 'search', 'database refused new sessions after pool size raised', '--db', db, '--json', '-k', '3']);
    expect(found.code).toBe(0);
    const result = JSON.parse(found.out) as { results: { path: string; title: string; score: number; text: string }[]; confident: boolean };
    expect(result.results).toHaveLength(3);
    expect(result.results[0]!.title).toBe('Post-mortem: payments API outage after connection pool change');
    expect(result.results[0]!.path).toBe(path.join(FIXTURES, 'payments-postmortem.md'));
    expect(result.results[0]!.text).toContain('connection ceiling');
    expect(result.confident).toBe(true);

    // Re-indexing the same directory replaces documents instead of duplicating them.
    const again = JSON.parse((await cli(['kb', 'index', FIXTURES, '--db', db, '--json'])).out) as { documents: number };
    expect(again.documents).toBe(2);
  });

  it('searches the shipped pack without a --db, and can restrict to a tier', async () => {
    const found = await cli(['kb', 'search', 'ImagePullBackOff manifest unknown', '--json']);
    const result = JSON.parse(found.out) as { results: { path: string }[]; confident: boolean };
    expect(result.results[0]!.path).toBe('pack/k8s-imagepullbackoff.md');
    expect(result.confident).toBe(true);
    const userOnly = JSON.parse((await cli(['kb', 'search', 'ImagePullBackOff', '--json', '--tier', 'user'])).out) as { results: unknown[] };
    expect(userOnly.results).toEqual([]);
  });

  it('reports bad input clearly', async () => {
    expect((await cli(['kb', 'search', 'x', '-k', 'many'])).err).toContain('-k must be a whole number');
    expect((await cli(['kb', 'search', 'x', '--tier', 'team'])).err).toContain('--tier must be one of');
    expect((await cli(['kb', 'index', '/nonexistent-dir', '--db', '/tmp/x.json'])).err).toContain('is not a directory');
    const corrupt = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fm-kb-')), 'kb.json');
    fs.writeFileSync(corrupt, '{not json');
    expect((await cli(['kb', 'search', 'x', '--db', corrupt])).err).toContain('is not a knowledge-base file');
    expect(fs.readFileSync(corrupt, 'utf8')).toBe('{not json');
  });
});
