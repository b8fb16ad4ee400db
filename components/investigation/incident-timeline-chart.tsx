import { useMemo } from 'react';
import type { EvidenceRecord } from '@/lib/db/records';
import { buildIncidentTimeline, formatTick, timeTicks, type IncidentTimeline } from '@/lib/ui/incident-timeline';

const WIDTH = 340;
const LEFT = 30;
const RIGHT = 8;
const ROW = 22;
const AXIS = 18;

/**
 * The incident timeline as a small SVG: one row per console time range, one per log (errors
 * per minute as bars), and a row of capture markers, on a shared UTC axis. The summary below
 * says the same in words, for screen readers and for copying into the case notes.
 */
export function IncidentTimelineChart({
  evidence,
  labels,
  onOpenEvidence,
}: {
  evidence: readonly EvidenceRecord[];
  labels: ReadonlyMap<string, string>;
  onOpenEvidence?: (evidenceId: string) => void;
}) {
  const timeline = useMemo(() => buildIncidentTimeline(evidence, labels), [evidence, labels]);
  if (!timeline) {
    return (
      <p className="text-sm text-slate-500" data-testid="incident-timeline">
        No evidence yet: captures, console time ranges and log error rates appear here on one time axis.
      </p>
    );
  }
  return <Chart timeline={timeline} onOpenEvidence={onOpenEvidence} />;
}

function Chart({ timeline, onOpenEvidence }: { timeline: IncidentTimeline; onOpenEvidence?: (evidenceId: string) => void }) {
  const { start, end, ranges, logs, captures } = timeline;
  const x = (t: number) => LEFT + ((t - start) / (end - start)) * (WIDTH - LEFT - RIGHT);
  const spansDays = new Date(start).toISOString().slice(0, 10) !== new Date(end).toISOString().slice(0, 10);
  const rows = ranges.length + logs.length + 1;
  const height = rows * ROW + AXIS;
  const ticks = timeTicks(start, end);
  const capturesY = (ranges.length + logs.length) * ROW;
  const open = (id: string) => onOpenEvidence?.(id);

  return (
    <figure data-testid="incident-timeline" className="space-y-1">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="w-full text-slate-500"
        role="img"
        aria-labelledby="incident-timeline-title"
        style={{ maxHeight: height * 1.6 }}
      >
        <title id="incident-timeline-title">
          Incident timeline, {formatTick(start, true)} to {formatTick(end, true)} UTC
        </title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={height - AXIS} className="stroke-slate-200 dark:stroke-slate-800" strokeWidth={1} />
            <text x={x(t)} y={height - 5} textAnchor="middle" className="fill-current" fontSize={9}>
              {formatTick(t, spansDays)}
            </text>
          </g>
        ))}
        {ranges.map((r, i) => (
          <g key={`range-${r.evidenceId}`} data-testid="timeline-range">
            <text x={2} y={i * ROW + 14} className="fill-current" fontSize={9}>
              {r.label}
            </text>
            <rect x={x(r.from)} y={i * ROW + 6} width={Math.max(2, x(r.to) - x(r.from))} height={10} rx={2} className="fill-indigo-300 dark:fill-indigo-700">
              <title>
                {r.label} {r.title}: showing {formatTick(r.from, true)} → {formatTick(r.to, true)} UTC
              </title>
            </rect>
          </g>
        ))}
        {logs.map((log, i) => {
          const y = (ranges.length + i) * ROW;
          const barWidth = Math.max(1.5, x(start + log.bucketMs) - x(start) - 0.5);
          return (
            <g key={`log-${log.evidenceId}`} data-testid="timeline-log">
              <text x={2} y={y + 14} className="fill-current" fontSize={9}>
                {log.label}
              </text>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y + ROW - 3} y2={y + ROW - 3} className="stroke-slate-300 dark:stroke-slate-700" strokeWidth={0.5} />
              {log.buckets.map((b) => {
                const errorHeight = log.maxErrors ? (b.errors / log.maxErrors) * (ROW - 6) : 0;
                return (
                  <g key={b.start}>
                    {/* Faint: all lines that minute; solid red: errors, scaled to the log's worst minute. */}
                    <rect x={x(b.start)} y={y + 3} width={barWidth} height={ROW - 6} className="fill-slate-200 dark:fill-slate-800" />
                    {b.errors > 0 && (
                      <rect x={x(b.start)} y={y + ROW - 3 - errorHeight} width={barWidth} height={errorHeight} className="fill-red-600 dark:fill-red-500">
                        <title>
                          {log.label} {formatTick(b.start, true)} UTC: {b.errors} errors of {b.lines} lines
                        </title>
                      </rect>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
        <text x={2} y={capturesY + 14} className="fill-current" fontSize={9}>
          cap.
        </text>
        {captures.map((c) => (
          <g
            key={`capture-${c.evidenceId}`}
            data-testid="timeline-capture"
            role={onOpenEvidence ? 'button' : undefined}
            tabIndex={onOpenEvidence ? 0 : undefined}
            aria-label={`${c.label || c.title} captured ${formatTick(c.at, true)} UTC`}
            onClick={() => open(c.evidenceId)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && open(c.evidenceId)}
            className={onOpenEvidence ? 'cursor-pointer focus:outline-none [&:focus>circle]:stroke-sky-500' : ''}
          >
            <circle cx={x(c.at)} cy={capturesY + 11} r={4} strokeWidth={2} className="fill-sky-600 stroke-transparent dark:fill-sky-400">
              <title>
                {c.label} {c.title}: captured {formatTick(c.at, true)} UTC
              </title>
            </circle>
          </g>
        ))}
      </svg>
      <figcaption className="space-y-0.5 text-[11px] text-slate-600 dark:text-slate-400">
        <p>
          <span className="inline-block h-2 w-2 rounded-full bg-sky-600 dark:bg-sky-400" aria-hidden /> capture ·{' '}
          <span className="inline-block h-2 w-3 bg-indigo-300 dark:bg-indigo-700" aria-hidden /> console time range ·{' '}
          <span className="inline-block h-2 w-2 bg-red-600" aria-hidden /> log errors per {logs[0] && logs[0].bucketMs > 60_000 ? `${logs[0].bucketMs / 60_000} min` : 'minute'} (UTC)
        </p>
        <ul data-testid="timeline-summary">
          {logs.map((log) => (
            <li key={log.evidenceId}>
              {log.label || log.title}: {log.totalErrors.toLocaleString('en-US')} errors
              {log.peak ? `, worst ${formatTick(log.peak.start, spansDays)} (${log.peak.errors.toLocaleString('en-US')} in ${log.bucketMs / 60_000} min)` : ''}
            </li>
          ))}
          {timeline.notes.map((note) => (
            <li key={note} className="text-amber-700 dark:text-amber-400">
              {note}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
