import { parseArgs, type CliCommand, type CliIO } from '../command';
import { LogAnalyzer, type LogAnalysis } from '../../evidence/logs/log-analyzer';
import { rankTemplates } from '../../evidence/logs/rank';
import { DEFAULT_SUMMARY_TOKENS, summarizeLog } from '../../evidence/logs/summarize';
import { openTextInput } from './text-file-input';

/**
 * `fm logs analyze FILE [--json] [--budget TOKENS] [--year YYYY]`: streams a log through the
 * analyzer. `--json` prints `{"templates":[{"id","template","count","first","last","level"}],
 * "assignments":[template id per input line, null for blank lines],"summary":"…"}`.
 */
export const logsAnalyzeCommand: CliCommand = {
  path: ['logs', 'analyze'],
  summary: 'Mine templates from a log file and print a condensed summary',
  usage:
    'logs analyze FILE [--json] [--budget TOKENS] [--year YYYY]\n\n' +
    '  FILE           a text log of any common format (- for standard input)\n' +
    '  --json         print {"templates":[…],"assignments":[…],"summary":"…"}\n' +
    `  --budget N     token budget of the summary (default ${DEFAULT_SUMMARY_TOKENS})\n` +
    "  --year YYYY    year for dates written without one (default: the file's modification year)",
  async run(args, io) {
    const { flags, positionals } = parseArgs(args);
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr(`Usage: faultmaven ${this.usage}\n`);
      return 2;
    }
    const budget = flags.budget === undefined ? DEFAULT_SUMMARY_TOKENS : Number(flags.budget);
    if (!Number.isInteger(budget) || budget < 50) {
      io.stderr('--budget must be a whole number of tokens, at least 50\n');
      return 2;
    }
    const year = flags.year === undefined ? undefined : Number(flags.year);
    if (year !== undefined && (!Number.isInteger(year) || year < 1970 || year > 2200)) {
      io.stderr('--year must be a year such as 2024\n');
      return 2;
    }
    // A missing, binary or unreadable file throws InputError; runCli reports it and exits 1.
    const input = await openTextInput(file);
    const json = flags.json === true;
    const analyzer = new LogAnalyzer({ recordAssignments: json, referenceYear: year ?? input.year });
    for await (const chunk of input.chunks) analyzer.push(chunk);
    const analysis = analyzer.finish();
    let summary = summarizeLog(analysis, { tokenBudget: budget });
    if (input.stats.invalidSequences > 0) {
      summary = `${input.stats.invalidSequences.toLocaleString('en-US')} invalid UTF-8 sequence(s) were replaced with U+FFFD.\n${summary}`;
    }
    if (json) writeJson(analysis, summary, io);
    else writeHuman(analysis, summary, io);
    return 0;
  },
};

function writeJson(analysis: LogAnalysis, summary: string, io: CliIO): void {
  const templates = analysis.templates.map((t) => ({ id: t.id, template: t.template, count: t.count, first: t.first, last: t.last, level: t.level }));
  io.stdout(`{"templates":${JSON.stringify(templates)},"assignments":[`);
  // Millions of lines: written in slices rather than one giant string.
  const assignments = analysis.assignments ?? new Int32Array(0);
  const SLICE = 65_536;
  for (let from = 0; from < assignments.length; from += SLICE) {
    const part: string[] = [];
    for (let i = from; i < Math.min(assignments.length, from + SLICE); i++) part.push(assignments[i] === 0 ? 'null' : String(assignments[i]));
    io.stdout((from > 0 ? ',' : '') + part.join(','));
  }
  io.stdout(`],"summary":${JSON.stringify(summary)}}\n`);
}

function writeHuman(analysis: LogAnalysis, summary: string, io: CliIO): void {
  io.stdout(`${summary}\n`);
  if (analysis.templates.length === 0) return;
  const ranked = rankTemplates(analysis);
  const width = String(Math.max(...analysis.templates.map((t) => t.count))).length;
  io.stdout(`\nAll ${analysis.templates.length} templates, most telling first (id, count, level, flags, template):\n`);
  for (const r of ranked) {
    const t = r.template;
    const flags = [r.novel ? 'new' : '', r.burst ? 'burst' : ''].filter(Boolean).join(',');
    io.stdout(`T${String(t.id).padEnd(5)} ${String(t.count).padStart(width)}  ${(t.level ?? '-').padEnd(6)} ${flags.padEnd(9)} ${t.template}\n`);
  }
  const peak = analysis.timeline.reduce((max, b) => Math.max(max, b.errors), 0);
  if (peak > 0) io.stdout(`\nErrors over time (${analysis.timeline.length} active ${analysis.bucketMs / 60_000}-minute buckets): ${sparkline(analysis)}\n`);
}

/** The error timeline in at most 60 characters, one block per slice of buckets. */
function sparkline(analysis: LogAnalysis): string {
  const buckets = analysis.timeline;
  const width = Math.min(60, buckets.length);
  const per = buckets.length / width;
  const values = Array.from({ length: width }, (_, i) => {
    let sum = 0;
    for (let k = Math.floor(i * per); k < Math.floor((i + 1) * per); k++) sum += buckets[k]!.errors;
    return sum;
  });
  const max = Math.max(...values, 1);
  const blocks = ' ▁▂▃▄▅▆▇█';
  return values.map((v) => blocks[Math.round((v / max) * 8)]).join('');
}
