import { ERROR_SEVERITY } from './levels';
import type { LogAnalysis, LogTemplate } from './log-analyzer';
import { MINUTE_MS } from './timeline';

/**
 * Orders templates the way an engineer reads a log during an incident: the most severe
 * first, then what is new (first seen late in the log), what burst (many lines in one
 * minute against its own average) and what is rare; the steady chatter last.
 */
export interface RankedTemplate {
  template: LogTemplate;
  score: number;
  /** First seen after the first quarter of the log. */
  novel: boolean;
  /** Its busiest minute had at least 10 lines and 5× its average rate. */
  burst: boolean;
}

export function rankTemplates(analysis: LogAnalysis): RankedTemplate[] {
  const span = analysis.startMs !== null && analysis.endMs !== null ? analysis.endMs - analysis.startMs : 0;
  const total = Math.max(1, analysis.lines);
  const ranked = analysis.templates.map((t) => {
    // Position of first appearance, 0 = the start of the log, 1 = its end: by time when known.
    const onset = span > 0 && t.firstMs !== null ? (t.firstMs - analysis.startMs!) / span : (t.firstLine - 1) / total;
    const novel = onset > 0.25 && analysis.templates.length > 1;
    const activeMinutes = t.firstMs !== null && t.lastMs !== null ? Math.max(1, (t.lastMs - t.firstMs) / MINUTE_MS + 1) : 1;
    const averagePerMinute = t.count / activeMinutes;
    const burst = t.peakPerMinute >= 10 && t.peakPerMinute >= 5 * averagePerMinute;
    const rarity = 1 - Math.log10(t.count + 1) / Math.log10(total + 1);
    const score =
      t.severity * 10 +
      (t.severity >= ERROR_SEVERITY ? 10 : 0) +
      (novel ? 6 + 6 * onset : 0) +
      (burst ? 8 : 0) +
      4 * rarity;
    return { template: t, score, novel, burst };
  });
  return ranked.sort((a, b) => b.score - a.score || a.template.firstLine - b.template.firstLine);
}

export function isErrorTemplate(t: LogTemplate): boolean {
  return t.severity >= ERROR_SEVERITY;
}
