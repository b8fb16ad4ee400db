import { tableToMarkdown } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { rangeFromRelativeLabel } from '../time-range';
import type { EntityRef, SiteAdapter } from '../types';
import { awsHashRoute, awsHeading, awsKeyValues, awsNotices, awsRegion, awsTables } from './aws-page';

export const cloudwatchAlarm: SiteAdapter = {
  kind: 'cloudwatch-alarm',
  product: 'aws',
  label: 'CloudWatch alarm',
  exampleUrls: [
    'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/checkout-5xx-high',
    'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/RDS%20CPU%20above%2090?',
  ],
  matchesUrl: (url) => /\/cloudwatch\/home\/?$/.test(url.pathname) && /^alarmsV2:alarm\//.test(awsHashRoute(url)),
  extract(doc, url, now) {
    const route = awsHashRoute(url);
    const alarmName = awsHeading(doc) || route.replace(/^alarmsV2:alarm\//, '').replace(/\?.*$/, '');
    const kv = awsKeyValues(doc);
    const status = kv.State ?? kv.Status;
    const region = awsRegion(url);
    const keyValues: Record<string, string> = { ...kv, ...(region ? { Region: region } : {}) };
    const entities: EntityRef[] = [{ type: 'alarm', name: alarmName }];
    if (kv['Metric name']) entities.push({ type: 'metric', name: `${kv.Namespace ? `${kv.Namespace}/` : ''}${kv['Metric name']}` });
    for (const d of (kv.Dimensions ?? '').split(/,\s*|\s{2,}/)) {
      const [k, v] = d.split(/\s*[=:]\s*/);
      if (!k || !v) continue;
      if (/ServiceName/.test(k)) entities.push({ type: 'service', name: v });
      else if (/ClusterName/.test(k)) entities.push({ type: 'cluster', name: v });
      else if (/DBInstanceIdentifier/.test(k)) entities.push({ type: 'db-instance', name: v });
      else if (/FunctionName/.test(k)) entities.push({ type: 'function', name: v });
      else if (/LoadBalancer|TargetGroup/.test(k)) entities.push({ type: 'service', name: v });
    }
    const timeRange = kv['Graph time range'] ? rangeFromRelativeLabel(kv['Graph time range'], now) : undefined;
    const tables = awsTables(doc, 50);
    const notices = awsNotices(doc);
    const ents = dedupeEntities(entities);
    let text = new EvidenceText(`CloudWatch alarm: ${alarmName}`, url.href).notices(notices).summary(status, timeRange, ents).keyValues('Details', keyValues);
    for (const t of tables) text = text.section(t.heading || 'Table', t.table.rows.length ? tableToMarkdown(t.table, t.total) : t.empty || '(empty)');
    return { title: alarmName, status, timeRange, queries: [], entities: ents, keyValues, notices, text: text.toString() };
  },
};
