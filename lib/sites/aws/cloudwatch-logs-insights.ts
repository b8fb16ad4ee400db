import { clean, fieldValue, tableToMarkdown, textsOf } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { rangeFromEpochMs, rangeFromRelativeLabel } from '../time-range';
import type { AbsoluteTimeRange, EntityRef, SiteAdapter } from '../types';
import { awsHashRoute, awsNotices, awsRegion, awsTables } from './aws-page';
import { parseJsurl } from './jsurl';

interface QueryDetail {
  end?: number | string;
  start?: number | string;
  timeType?: string;
  unit?: string;
  editorString?: string;
  source?: string[];
}

function queryDetail(url: URL): QueryDetail {
  const m = /queryDetail=(~\(.*)$/.exec(awsHashRoute(url));
  if (!m) return {};
  try {
    return parseJsurl(m[1]!) as QueryDetail;
  } catch {
    return {};
  }
}

function detailRange(d: QueryDetail, now: Date): AbsoluteTimeRange | undefined {
  if (d.timeType === 'RELATIVE' && typeof d.start === 'number') {
    const unitMs = d.unit === 'minutes' ? 60_000 : d.unit === 'hours' ? 3_600_000 : 1000;
    return rangeFromEpochMs(now.getTime() + d.start * unitMs, now.getTime() + Number(d.end ?? 0) * unitMs, `relative ${d.start} ${d.unit ?? 'seconds'}`);
  }
  if (d.timeType === 'ABSOLUTE' && d.start !== undefined && d.end !== undefined) {
    const f = typeof d.start === 'number' ? d.start : Date.parse(d.start);
    const t = typeof d.end === 'number' ? d.end : Date.parse(d.end);
    return rangeFromEpochMs(f, t, `${d.start} → ${d.end}`);
  }
  return undefined;
}

export const cloudwatchLogsInsights: SiteAdapter = {
  kind: 'cloudwatch-logs-insights',
  product: 'aws',
  label: 'CloudWatch Logs Insights',
  exampleUrls: [
    "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:logs-insights$3FqueryDetail$3D~(end~0~start~-3600~timeType~'RELATIVE~unit~'seconds~editorString~'fields*20*40timestamp*2c*20*40message~source~(~'*2faws*2fecs*2fcheckout))",
    'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights',
  ],
  matchesUrl: (url) => /\/cloudwatch\/home\/?$/.test(url.pathname) && /^logsV2:logs-insights/.test(awsHashRoute(url)),
  extract(doc, url, now) {
    const detail = queryDetail(url);
    const editor = doc.querySelector('[data-testid="logs-insights-query-editor"] textarea, .ace_text-input, [class*="query-editor"] textarea');
    const editorLines = textsOf(doc, '[data-testid="logs-insights-query-editor"] .ace_line');
    const query = fieldValue(editor) || editorLines.join('\n') || detail.editorString || '';
    const logGroups = textsOf(doc, '[data-testid="log-group-selector"] [class*="awsui_token"] [class*="awsui_label"]');
    const groups = logGroups.length ? logGroups : (detail.source ?? []);
    const rangeLabel = clean(doc.querySelector('[class*="awsui_date-range-picker"] [class*="awsui_label-text"]')?.textContent);
    const timeRange = detailRange(detail, now) ?? (rangeLabel ? rangeFromRelativeLabel(rangeLabel, now) : undefined);
    const summary = clean(doc.querySelector('[data-testid="logs-insights-results-summary"]')?.textContent);
    const region = awsRegion(url);
    const keyValues: Record<string, string> = {};
    if (region) keyValues.Region = region;
    if (groups.length) keyValues['Log groups'] = groups.join(', ');
    if (summary) keyValues.Results = summary;
    const entities: EntityRef[] = groups.map((g) => ({ type: 'log-group' as const, name: g }));
    for (const g of groups) {
      const svc = /\/(?:ecs|lambda|eks)\/(?:[^/]+\/)?([^/]+)$/.exec(g)?.[1];
      if (svc) entities.push({ type: /\/lambda\//.test(g) ? 'function' : 'service', name: svc });
    }
    const tables = awsTables(doc, 200);
    const notices = awsNotices(doc);
    for (const t of tables) if (!t.table.rows.length && t.empty) notices.push(t.empty);
    const ents = dedupeEntities(entities);
    let text = new EvidenceText('CloudWatch Logs Insights', url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .keyValues('Details', keyValues)
      .queries(query ? [query] : []);
    for (const t of tables) if (t.table.rows.length) text = text.section(t.heading || 'Results', tableToMarkdown(t.table, t.total));
    const title = `Logs Insights: ${groups.join(', ') || 'no log group'}`;
    return { title, timeRange, queries: query ? [query] : [], entities: ents, keyValues, notices, text: text.toString() };
  },
};
