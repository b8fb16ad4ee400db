// Log condensation and redaction (lib/evidence/logs, lib/evidence/redaction), issue 6.
//  1. Template grouping accuracy on the eight Loghub-2k systems, raw *_2k.log in (headers
//     detected, no format given), ground truth EventId from *_structured_corrected.csv.
//     Baselines: published Drain/Brain figures, and "masking only" measured in this run.
//  2. Throughput and memory: a ~1 GiB synthetic log built from the samples, streamed from a
//     temp file (deleted afterwards), peak RSS/heap sampled during the run, against a 10 MB
//     file to show memory is flat. Baseline in the same run: reading and splitting lines only.
//  3. Redaction recall and precision on tests/fixtures/redaction (planted secrets + look-alikes).
// Run: npm run bench -- logs   (FM_LOGS_BENCH_BYTES=200000000 for a shorter throughput run)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consolidate } from '../../lib/evidence/logs/consolidate';
import { groupingAccuracy } from '../../lib/evidence/logs/grouping-accuracy';
import { HeaderParser } from '../../lib/evidence/logs/header';
import { LineSplitter } from '../../lib/evidence/logs/line-splitter';
import { LogAnalyzer } from '../../lib/evidence/logs/log-analyzer';
import { maskMessage } from '../../lib/evidence/logs/mask';
import { DEFAULT_SUMMARY_TOKENS, summarizeLog } from '../../lib/evidence/logs/summarize';
import { LOGHUB_SYSTEMS, PUBLISHED, PUBLISHED_AVERAGE, loadLoghub, writeSyntheticLog } from './support/loghub';
import { scoreRedactionCorpus } from './support/redaction-score';

const BIG_BYTES = Number(process.env.FM_LOGS_BENCH_BYTES ?? 1024 ** 3);
const SMALL_BYTES = 10 * 1024 ** 2;
const MEDIUM_BYTES = Math.round(BIG_BYTES / 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const out: string[] = [];
const print = (line = '') => out.push(line);
const f3 = (x: number) => x.toFixed(3);
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

// ---- 1. Grouping accuracy ----------------------------------------------------------------

/** Our parser: what `fm logs analyze` does, header detection included. */
function oursAssignments(lines: string[]): Int32Array {
  const analyzer = new LogAnalyzer({ recordAssignments: true, referenceYear: 2005 });
  for (const line of lines) analyzer.addLine(line);
  return analyzer.finish().assignments!;
}

/** Baseline: the same header detection and masking, each distinct masked signature a template. */
function maskingOnly(lines: string[]): number[] {
  const header = new HeaderParser(2005);
  const ids = new Map<string, number>();
  return lines.map((line) => {
    const key = maskMessage(header.parse(line).message).join(' ');
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  });
}

/** Sensitivity: the one tuning knob of consolidation, varied for all systems at once. */
function withMaxConstantValues(lines: string[], maxConstantValues: number): Int32Array {
  const header = new HeaderParser(2005);
  const index = new Map<string, number>();
  const signatures: { tokens: string[]; count: number }[] = [];
  const of = lines.map((line) => {
    const tokens = maskMessage(header.parse(line).message);
    const key = tokens.join(' ');
    let id = index.get(key);
    if (id === undefined) {
      id = signatures.length;
      index.set(key, id);
      signatures.push({ tokens, count: 0 });
    }
    signatures[id]!.count++;
    return id;
  });
  const { templateOf } = consolidate(signatures, maxConstantValues);
  return Int32Array.from(of, (id) => templateOf[id]!);
}

const accuracy: { system: string; ours: number; masking: number; templates: number; truth: number; truthFile: string }[] = [];
const sensitivity = new Map<number, number[]>();
const accuracyStart = performance.now();
for (const system of LOGHUB_SYSTEMS) {
  const file = loadLoghub(system);
  const ours = oursAssignments(file.lines);
  accuracy.push({
    system,
    ours: groupingAccuracy(ours, file.eventIds),
    masking: groupingAccuracy(maskingOnly(file.lines), file.eventIds),
    templates: new Set(ours).size,
    truth: new Set(file.eventIds).size,
    truthFile: file.truthFile,
  });
  for (const t of [3, 4, 5, 6]) {
    const list = sensitivity.get(t) ?? [];
    list.push(groupingAccuracy(withMaxConstantValues(file.lines, t), file.eventIds));
    sensitivity.set(t, list);
  }
}
const accuracySeconds = (performance.now() - accuracyStart) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

print('## Log condensation and redaction (lib/evidence)');
print();
print('### Template grouping accuracy (Loghub-2k)');
print();
print(
  `Command: \`npm run bench -- logs\` (Node ${process.version}). Raw \`*_2k.log\` in, headers detected without a format; ground truth ` +
    '`EventId` per line from `*_structured_corrected.csv`. One configuration for every system. Drain and Brain are the published ' +
    'figures on the same files (shared/data/README.md); "masking only" is measured in this run (same header detection and masking, ' +
    'each distinct masked signature its own template).',
);
print();
print('| system | ours | masking only (this run) | Drain (published) | Brain (published) | templates found / true |');
print('|---|---|---|---|---|---|');
for (const a of accuracy) {
  const p = PUBLISHED[a.system as keyof typeof PUBLISHED];
  print(`| ${a.system} | ${f3(a.ours)} | ${f3(a.masking)} | ${f3(p.drain)} | ${f3(p.brain)} | ${a.templates} / ${a.truth} |`);
}
print(
  `| **average of the 8** | **${f3(mean(accuracy.map((a) => a.ours)))}** | ${f3(mean(accuracy.map((a) => a.masking)))} | ` +
    `${f3(mean(Object.values(PUBLISHED).map((p) => p.drain)))} | ${f3(mean(Object.values(PUBLISHED).map((p) => p.brain)))} | |`,
);
print(`| published average (issue 6) | | | ${f3(PUBLISHED_AVERAGE.drain)} | ${f3(PUBLISHED_AVERAGE.brain)} | |`);
print();
print(
  `Sensitivity to the one knob (most word values a column may take and still split templates; default 5), same for all systems: ` +
    [...sensitivity.entries()].map(([t, xs]) => `${t} → ${f3(mean(xs))}`).join(', ') +
    `. Accuracy runs took ${accuracySeconds.toFixed(1)} s for all 16,000 lines × 6 configurations.`,
);
print();

// ---- 2. Throughput and memory ------------------------------------------------------------

interface RunFigures {
  lines: number;
  bytes: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakRss: number;
  peakHeap: number;
  /** Heap still in use after a full GC at the end of the stream: the analyzer's own state. */
  retainedHeap: number;
  templates?: number;
  /** Characters of the default condensed summary. */
  summaryChars?: number;
}

async function measure(file: string, work: 'analyze' | 'split'): Promise<RunFigures> {
  gc();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 25);
  const wall = performance.now();
  const cpu = process.cpuUsage();
  let lines = 0;
  let templates: number | undefined;
  let summaryChars: number | undefined;
  let retainedHeap = 0;
  const retained = () => {
    gc();
    retainedHeap = process.memoryUsage().heapUsed;
  };
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  if (work === 'analyze') {
    const analyzer = new LogAnalyzer();
    for await (const chunk of stream) analyzer.push(chunk as string);
    retained();
    const result = analyzer.finish();
    lines = result.lines;
    templates = result.templates.length;
    summaryChars = summarizeLog(result).length;
  } else {
    const splitter = new LineSplitter(() => lines++);
    for await (const chunk of stream) splitter.push(chunk as string);
    retained();
    splitter.end();
  }
  sample();
  clearInterval(timer);
  // The forced GC for `retainedHeap` is not part of the work measured.
  const used = process.cpuUsage(cpu);
  return {
    lines,
    bytes: fs.statSync(file).size,
    wallSeconds: (performance.now() - wall) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRss,
    peakHeap,
    retainedHeap,
    ...(templates !== undefined ? { templates } : {}),
    ...(summaryChars !== undefined ? { summaryChars } : {}),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-logs-bench-'));
const small = path.join(dir, 'small.log');
const medium = path.join(dir, 'medium.log');
const big = path.join(dir, 'big.log');
let smallRun: RunFigures;
let mediumRun: RunFigures;
let bigRun: RunFigures;
let splitRun: RunFigures;
let generateSeconds: number;
try {
  writeSyntheticLog(small, SMALL_BYTES);
  writeSyntheticLog(medium, MEDIUM_BYTES);
  const generateStart = performance.now();
  writeSyntheticLog(big, BIG_BYTES);
  generateSeconds = (performance.now() - generateStart) / 1000;
  smallRun = await measure(small, 'analyze');
  mediumRun = await measure(medium, 'analyze');
  fs.rmSync(medium);
  bigRun = await measure(big, 'analyze');
  splitRun = await measure(big, 'split');
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

print('### Throughput and memory (streamed file)');
print();
print(
  `Command: \`npm run bench -- logs\` (Node ${process.version}, ${os.cpus().length} cores shared with other jobs, load average ` +
    `${os.loadavg()[0]!.toFixed(1)} at the end). Synthetic logs built from the eight Loghub samples (block by block, message digits ` +
    `redrawn), written to a temp file in ${generateSeconds.toFixed(1)} s and deleted after the run; read as a UTF-8 stream in 1 MB ` +
    'chunks through `LogAnalyzer` (header detection, masking, mining, counts, timeline; consolidation and ranking at the end). ' +
    '"lines/s (CPU)" divides by the process CPU time, which other jobs on the machine do not inflate. RSS and heap are sampled every 25 ms.',
);
print();
print('| run | file | lines | wall s | lines/s (wall) | lines/s (CPU) | peak RSS | peak heap | heap kept at end | templates |');
print('|---|---|---|---|---|---|---|---|---|---|');
const row = (name: string, r: RunFigures) =>
  print(
    `| ${name} | ${mb(r.bytes)} | ${int(r.lines)} | ${r.wallSeconds.toFixed(1)} | ${int(r.lines / r.wallSeconds)} | ${int(r.lines / r.cpuSeconds)} | ` +
      `${mb(r.peakRss)} | ${mb(r.peakHeap)} | ${mb(r.retainedHeap)} | ${r.templates ?? ''} |`,
  );
row('analyze, small file', smallRun);
row('analyze, medium file', mediumRun);
row('analyze, big file', bigRun);
row('baseline: read + split lines only, big file', splitRun);
print();
print(
  `Target: ≥ 200,000 lines/s on one core, memory flat in file size. From the ${mb(smallRun.bytes)} to the ${mb(bigRun.bytes)} file ` +
    `(×${(bigRun.bytes / smallRun.bytes).toFixed(0)} the input) the heap kept at the end went from ${mb(smallRun.retainedHeap)} to ` +
    `${mb(bigRun.retainedHeap)} and the sampled peak heap from ${mb(smallRun.peakHeap)} to ${mb(mediumRun.peakHeap)} (medium) and ${mb(bigRun.peakHeap)} (the peak includes ` +
    'garbage awaiting collection and the stream’s read buffers). The default condensed summary of the big file is ' +
    `${int(bigRun.summaryChars ?? 0)} characters (budget ${DEFAULT_SUMMARY_TOKENS.toLocaleString('en-US')} tokens).`,
);
print();

// ---- 3. Redaction -----------------------------------------------------------------------

const redaction = scoreRedactionCorpus();
print('### Redaction (tests/fixtures/redaction)');
print();
print(
  `Command: \`npm run bench -- logs\`. ${redaction.files} realistic logs and configs with ${redaction.planted} planted secrets of ` +
    `${redaction.byType.size} types and ${redaction.lookalikes} look-alikes that must stay (manifest: \`tests/fixtures/redaction/manifest.json\`). ` +
    'A planted secret counts as found when a finding of its type covers it; a finding is a false positive when it covers no planted secret.',
);
print();
print('| type | planted | found | recall |');
print('|---|---|---|---|');
for (const [type, t] of [...redaction.byType.entries()].sort()) print(`| ${type} | ${t.planted} | ${t.found} | ${f3(t.found / t.planted)} |`);
print();
print(
  `Overall recall **${f3(redaction.recall)}** (target 1.0), precision **${f3(redaction.precision)}** (target ≥ 0.95): ` +
    `${redaction.truePositives} findings on planted secrets, ${redaction.falsePositives} false positives` +
    `${redaction.falsePositiveSamples.length ? ` (${redaction.falsePositiveSamples.join('; ')})` : ''}; ` +
    `look-alikes masked: ${redaction.lookalikesMasked} of ${redaction.lookalikes}. Redaction speed on the corpus: ${int(redaction.bytesPerSecond / 1024)} KB/s.`,
);
if (redaction.missed.length) print(`Missed: ${redaction.missed.join('; ')}`);

console.log(out.join('\n'));
