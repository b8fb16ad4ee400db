// Scores the redactor on tests/fixtures/redaction: recall on planted secrets, precision of
// findings, and look-alikes left alone. Used by logs.bench.ts and by the corpus unit test.
import fs from 'node:fs';
import path from 'node:path';
import { findSecrets, type FindOptions } from '../../../lib/evidence/redaction/find-secrets';
import type { Finding } from '../../../lib/evidence/redaction/secret-types';

export const REDACTION_CORPUS = path.resolve(import.meta.dirname, '../../fixtures/redaction');

interface ManifestFile {
  file: string;
  secrets: { type: string; value: string }[];
  lookalikes: string[];
  options?: FindOptions;
}

export interface RedactionScore {
  files: number;
  planted: number;
  found: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  lookalikes: number;
  lookalikesMasked: number;
  byType: Map<string, { planted: number; found: number }>;
  missed: string[];
  falsePositiveSamples: string[];
  bytesPerSecond: number;
}

function occurrences(text: string, value: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) at.push(i);
  return at;
}

export function scoreRedactionCorpus(dir = REDACTION_CORPUS): RedactionScore {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
  const byType = new Map<string, { planted: number; found: number }>();
  const missed: string[] = [];
  const falsePositiveSamples: string[] = [];
  let planted = 0;
  let found = 0;
  let truePositives = 0;
  let falsePositives = 0;
  let lookalikes = 0;
  let lookalikesMasked = 0;
  let bytes = 0;
  let seconds = 0;
  for (const entry of manifest.files) {
    const text = fs.readFileSync(path.join(dir, entry.file), 'utf8');
    const started = performance.now();
    const findings = findSecrets(text, entry.options ?? {});
    seconds += (performance.now() - started) / 1000;
    bytes += text.length;
    const plantedSpans: { start: number; end: number }[] = [];
    for (const secret of entry.secrets) {
      for (const start of occurrences(text, secret.value)) {
        const end = start + secret.value.length;
        plantedSpans.push({ start, end });
        planted++;
        const t = byType.get(secret.type) ?? { planted: 0, found: 0 };
        t.planted++;
        const covered = findings.some((f) => f.type === secret.type && f.start <= start && f.end >= end);
        if (covered) {
          t.found++;
          found++;
        } else {
          const got = findings.filter((f: Finding) => f.start < end && f.end > start).map((f) => f.type);
          missed.push(`${entry.file}: ${secret.type} ${secret.value.slice(0, 12)}… (got ${got.join(', ') || 'nothing'})`);
        }
        byType.set(secret.type, t);
      }
    }
    for (const f of findings) {
      if (plantedSpans.some((p) => f.start < p.end && f.end > p.start)) truePositives++;
      else {
        falsePositives++;
        falsePositiveSamples.push(`${entry.file}: ${f.type} "${text.slice(f.start, f.end).slice(0, 40)}"`);
      }
    }
    for (const lookalike of entry.lookalikes) {
      for (const start of occurrences(text, lookalike)) {
        lookalikes++;
        const end = start + lookalike.length;
        if (findings.some((f) => f.start < end && f.end > start)) {
          lookalikesMasked++;
          falsePositiveSamples.push(`${entry.file}: look-alike "${lookalike.slice(0, 40)}" masked`);
        }
      }
    }
  }
  return {
    files: manifest.files.length,
    planted,
    found,
    recall: planted ? found / planted : 1,
    truePositives,
    falsePositives,
    precision: truePositives + falsePositives ? truePositives / (truePositives + falsePositives) : 1,
    lookalikes,
    lookalikesMasked,
    byType,
    missed,
    falsePositiveSamples,
    bytesPerSecond: seconds > 0 ? bytes / seconds : 0,
  };
}
