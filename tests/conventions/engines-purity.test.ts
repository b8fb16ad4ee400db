import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FORBIDDEN = [
  { pattern: /\b(chrome|browser)\.\w/, why: 'extension API' },
  { pattern: /\b(indexedDB|localStorage|sessionStorage|document|window)\b/, why: 'browser/storage global' },
  { pattern: /from ['"](dexie|dexie-react-hooks|wxt|wxt\/[^'"]*|#imports|react|react-dom)['"]/, why: 'impure module' },
  { pattern: /from ['"]@\/(lib|entrypoints|components)\//, why: 'engines may not depend on the app layers' },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('engines/ stays pure', () => {
  const files = sourceFiles(path.join(ROOT, 'engines'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s uses no browser, storage or UI API', (_name, file) => {
    const source = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const hits = FORBIDDEN.filter(({ pattern }) => pattern.test(source)).map(({ why }) => why);
    expect(hits).toEqual([]);
  });
});
