import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkMarkdown } from '../chunk-markdown';

const dir = path.join(import.meta.dirname, 'runbooks');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

const REQUIRED_SECTIONS = ['Symptoms', 'Likely causes', 'Checks', 'Fixes', 'Escalation'];

describe('global runbook pack', () => {
  it('has at least 60 runbooks with kebab-case file names', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    for (const file of files) expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.md$/);
  });

  it.each(files)('%s follows the pack format', (file) => {
    const text = read(file);
    const lines = text.split('\n');
    expect(lines[0], 'first line is the H1 title').toMatch(/^# \S/);
    expect(text, 'has a Tags line').toMatch(/^Tags: [a-z0-9_-]+(, [a-z0-9_-]+)+$/m);
    const headings = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
    expect(headings, 'sections in order').toEqual(REQUIRED_SECTIONS);
    const checks = text.slice(text.indexOf('## Checks'), text.indexOf('## Fixes'));
    expect(checks, 'Checks has a command block').toMatch(/```bash\n[\s\S]+?\n```/);
    for (const section of REQUIRED_SECTIONS) {
      const start = text.indexOf(`## ${section}`);
      const next = text.indexOf('\n## ', start + 3);
      const body = text.slice(start + section.length + 3, next === -1 ? undefined : next).trim();
      expect(body.length, `${section} is not empty`).toBeGreaterThan(20);
    }
  });

  it('has unique titles', () => {
    const titles = files.map((f) => chunkMarkdown(read(f), f).title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('covers every area the pack promises', () => {
    const tags = new Set(files.flatMap((f) => chunkMarkdown(read(f), f).tags));
    const areas = [
      'kubernetes', 'crashloopbackoff', 'oomkilled', 'imagepullbackoff', 'pending', 'notready', 'dns',
      'aws', 'alb', 'ecs', 'lambda', 'throttles', 'timeout', 'rds', 'iam', 's3',
      'postgresql', 'mysql', 'redis', 'kafka', 'rabbitmq', 'elasticsearch', 'nginx', 'tls', 'certificate',
      'linux', 'disk', 'memory', 'cpu', 'file-descriptors', 'jvm', 'nodejs', 'go', 'cicd', 'terraform',
    ];
    for (const area of areas) expect(tags, area).toContain(area);
  });
});
