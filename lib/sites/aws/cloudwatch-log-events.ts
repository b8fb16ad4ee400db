import { clean, rowText } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { rangeFromRelativeLabel } from '../time-range';
import type { EntityRef, SiteAdapter } from '../types';
import { awsHashRoute, awsNotices, awsRegion } from './aws-page';

// Log group and stream names are escaped twice in the hash: `$252F` → `%2F` → `/`.
const ROUTE = /^logsV2:log-groups\/log-group\/([^/]+)(?:\/log-events(?:\/([^/?$]+))?)?/;
const MAX_LINES = 200;

function decodeTwice(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const cloudwatchLogEvents: SiteAdapter = {
  kind: 'cloudwatch-log-events',
  product: 'aws',
  label: 'CloudWatch log group / stream events',
  exampleUrls: [
    'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fecs$252Fcheckout/log-events/ecs$252Fcheckout$252F9f1c2e7a4b',
    'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Forders-handler',
  ],
  matchesUrl: (url) => /\/cloudwatch\/home\/?$/.test(url.pathname) && ROUTE.test(awsHashRoute(url)),
  extract(doc, url, now) {
    const [, groupRaw, streamRaw] = ROUTE.exec(awsHashRoute(url))!;
    const group = decodeTwice(groupRaw!);
    const stream = streamRaw ? decodeTwice(streamRaw) : undefined;
    const filter = (doc.querySelector('[data-testid="log-events-filter"] input') as HTMLInputElement | null)?.value.trim() ?? '';
    const lines = Array.from(doc.querySelectorAll('table[class*="awsui_table"] tbody tr')).map(rowText).filter(Boolean);
    const empty = clean(doc.querySelector('[class*="awsui_empty"]')?.textContent);
    const range = clean(doc.querySelector('[class*="awsui_date-range-picker"] [class*="awsui_label-text"]')?.textContent);
    const timeRange = range ? rangeFromRelativeLabel(range, now) : undefined;
    const entities: EntityRef[] = [{ type: 'log-group', name: group }];
    const svc = /\/(?:ecs|lambda|eks)\/(?:[^/]+\/)?([^/]+)$/.exec(group)?.[1];
    if (svc) entities.push({ type: /\/lambda\//.test(group) ? 'function' : 'service', name: svc });
    const task = stream && /^ecs\/[^/]+\/([0-9a-f]+)$/.exec(stream)?.[1];
    if (task) entities.push({ type: 'task', name: task });
    const region = awsRegion(url);
    const keyValues: Record<string, string> = { 'Log group': group, 'events shown': String(lines.length) };
    if (stream) keyValues['Log stream'] = stream;
    if (region) keyValues.Region = region;
    const notices = [...awsNotices(doc), ...(empty ? [empty] : [])];
    const ents = dedupeEntities(entities);
    const text = new EvidenceText(`CloudWatch log events: ${stream ?? group}`, url.href)
      .notices(notices)
      .summary(undefined, timeRange, ents)
      .keyValues('Details', keyValues)
      .queries(filter ? [filter] : [], 'Filter')
      .section(`Events (${Math.min(lines.length, MAX_LINES)} of ${lines.length})`, lines.length ? '```\n' + lines.slice(0, MAX_LINES).join('\n') + '\n```' : '')
      .toString();
    return { title: stream ?? group, timeRange, queries: filter ? [filter] : [], entities: ents, keyValues, notices, text };
  },
};
