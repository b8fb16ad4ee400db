import type { LogAnalysis, LogTemplate } from './log-analyzer';
import { LEVEL_SEVERITY, type LogLevel } from './levels';
import { isErrorTemplate, rankTemplates, type RankedTemplate } from './rank';
import { formatTimestamp } from './timestamps';
import { estimateTokens } from './token-estimate';

/**
 * The condensed log a model reads: size and time span, levels, the error-rate timeline,
 * the top errors with a real line each, then the other templates most telling first —
 * cut to a token budget, always keeping the header and as many top entries as fit.
 */
export interface SummaryOptions {
  tokenBudget?: number;
  /** Longest template or example shown, in characters. */
  maxLineChars?: number;
}

export const DEFAULT_SUMMARY_TOKENS = 1_500;
const MAX_BUSY_MINUTES = 3;

export function summarizeLog(analysis: LogAnalysis, options: SummaryOptions = {}): string {
  const budget = options.tokenBudget ?? DEFAULT_SUMMARY_TOKENS;
  const maxChars = options.maxLineChars ?? 300;
  const header = headerLines(analysis);
  const ranked = rankTemplates(analysis);
  const errors = ranked.filter((r) => isErrorTemplate(r.template));
  const others = ranked.filter((r) => !isErrorTemplate(r.template));

  const out: string[] = [];
  let used = 0;
  const fits = (text: string, reserve = 0) => used + estimateTokens(text) + 1 + reserve <= budget;
  const add = (text: string) => {
    out.push(text);
    used += estimateTokens(text) + 1;
  };

  // Room for the closing "N more templates omitted" line.
  const reserve = analysis.templates.length > 0 ? 30 : 0;
  for (const line of header) {
    if (fits(line, reserve)) add(line);
    else {
      add(cutToBudget(line, budget - used - reserve));
      return out.join('\n');
    }
  }

  let shown = 0;
  let shownLines = 0;
  const sections: [string, RankedTemplate[], boolean][] = [
    ['Top errors (most severe, new and bursting first):', errors, true],
    [errors.length ? 'Other templates, most telling first:' : 'Templates, most telling first:', others, false],
  ];
  for (const [title, list, withExamples] of sections) {
    let titled = false;
    for (const r of list) {
      const entry = entryLine(r, maxChars);
      if (!fits(titled ? entry : `${title}\n${entry}`, reserve)) continue;
      if (!titled) {
        add(title);
        titled = true;
      }
      add(entry);
      shown++;
      shownLines += r.template.count;
      if (withExamples || r.novel || r.burst) {
        const first = `  e.g. line ${r.template.firstLine}: ${clip(r.template.example, maxChars)}`;
        if (fits(first, reserve)) add(first);
        if (withExamples && r.template.count > 1 && r.template.lastExample !== r.template.example) {
          const last = `  last, line ${r.template.lastLine}: ${clip(r.template.lastExample, maxChars)}`;
          if (fits(last, reserve)) add(last);
        }
      }
    }
  }
  const omitted = analysis.templates.length - shown;
  if (omitted > 0) {
    const lines = analysis.lines - analysis.blankLines - shownLines;
    const closing = `(${fmt(omitted)} more template${omitted === 1 ? '' : 's'} covering ${fmt(lines)} line${lines === 1 ? '' : 's'} omitted to fit the budget)`;
    if (fits(closing)) add(closing);
  }
  return out.join('\n');
}

function headerLines(a: LogAnalysis): string[] {
  if (a.lines === 0) return ['Log summary: the input is empty (0 lines).'];
  const nonBlank = a.lines - a.blankLines;
  const span =
    a.startMs !== null && a.endMs !== null && a.timeKind
      ? `, ${formatTimestamp(a.startMs, a.timeKind)} → ${formatTimestamp(a.endMs, a.timeKind)} (${duration(a.endMs - a.startMs)})`
      : ', no timestamps found';
  const lines = [
    `Log summary: ${fmt(a.lines)} lines${a.blankLines ? ` (${fmt(a.blankLines)} blank)` : ''} in ${fmt(a.templates.length)} templates${span}.`,
  ];
  if (a.longLines > 0) lines.push(`${fmt(a.longLines)} over-long line(s): only their first part was analysed (${fmt(a.droppedChars)} characters skipped).`);
  const levels = Object.entries(a.levelCounts)
    .filter(([level]) => level !== 'NONE')
    .sort((x, y) => LEVEL_SEVERITY[y[0] as LogLevel] - LEVEL_SEVERITY[x[0] as LogLevel]);
  if (levels.length > 0) lines.push(`Levels: ${levels.map(([level, count]) => `${level} ${fmt(count!)}`).join(', ')}${a.levelCounts.NONE ? `, none ${fmt(a.levelCounts.NONE)}` : ''}.`);
  const errorLines = a.templates.reduce((sum, t) => sum + t.errorCount, 0);
  if (errorLines > 0) {
    const width = a.bucketMs / 60_000;
    const unit = width === 1 ? 'minute' : `${width}-minute bucket`;
    const withErrors = a.timeline.filter((b) => b.errors > 0);
    let timeline = `Errors: ${fmt(errorLines)} of ${fmt(nonBlank)} lines`;
    if (withErrors.length > 0 && a.timeKind) {
      const busiest = [...withErrors].sort((x, y) => y.errors - x.errors || x.start - y.start).slice(0, MAX_BUSY_MINUTES);
      const full = (ms: number) => formatTimestamp(ms, a.timeKind!).slice(0, a.timeKind === 'time-only' ? 5 : 16);
      // Within one day the date adds nothing but tokens.
      const oneDay = a.startMs !== null && a.endMs !== null && full(a.startMs).slice(0, 10) === full(a.endMs).slice(0, 10);
      const short = (ms: number) => (oneDay && a.timeKind !== 'time-only' ? full(ms).slice(11) : full(ms));
      timeline += ` in ${fmt(withErrors.length)} of ${fmt(a.timeline.length)} active ${unit}s, first at ${full(withErrors[0]!.start)}`;
      timeline += `; busiest ${unit}s (errors/lines): ${busiest.map((b) => `${short(b.start)} ${fmt(b.errors)}/${fmt(b.lines)}`).join(', ')}`;
    }
    lines.push(`${timeline}.`);
  } else {
    lines.push('Errors: none by level or wording.');
  }
  return lines;
}

function entryLine(r: RankedTemplate, maxChars: number): string {
  const t = r.template;
  const flags = [t.level ?? '', r.novel ? 'new' : '', r.burst ? `burst ${fmt(t.peakPerMinute)}/min` : ''].filter(Boolean);
  return `- T${t.id} ×${fmt(t.count)}${flags.length ? ` ${flags.join(', ')}` : ''}${when(t)}: ${clip(t.template, maxChars)}`;
}

function when(t: LogTemplate): string {
  if (!t.first) return '';
  return t.first === t.last || !t.last ? ` at ${t.first}` : ` ${t.first} → ${t.last}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function cutToBudget(text: string, tokens: number): string {
  let cut = text;
  while (cut.length > 0 && estimateTokens(cut) + 1 > tokens) cut = cut.slice(0, Math.floor(cut.length * 0.8));
  return cut;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)}s`;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}
