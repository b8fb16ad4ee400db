import { tableToMarkdown } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import type { EntityRef, SiteAdapter } from '../types';
import { awsHeading, awsKeyValues, awsNotices, awsRegion, awsTables } from './aws-page';

const PATH = /\/ecs\/v2\/clusters\/([^/]+)\/services\/([^/]+)(\/[^/]*)?\/?$/;

export const ecsService: SiteAdapter = {
  kind: 'ecs-service',
  product: 'aws',
  label: 'ECS service',
  exampleUrls: [
    'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/prod-eu/services/checkout/health?region=us-east-1',
    'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/payments-gw/deployments?region=eu-west-1',
  ],
  matchesUrl: (url) => PATH.test(url.pathname),
  extract(doc, url) {
    const [, cluster, service, tab] = PATH.exec(url.pathname)!;
    const name = awsHeading(doc) || decodeURIComponent(service!);
    const kv = awsKeyValues(doc);
    const status = kv.Status ?? kv['Service status'];
    const region = awsRegion(url);
    const keyValues: Record<string, string> = { ...kv, Cluster: decodeURIComponent(cluster!), ...(region ? { Region: region } : {}) };
    if (tab) keyValues.Tab = tab.slice(1);
    const entities: EntityRef[] = [
      { type: 'service', name: decodeURIComponent(service!) },
      { type: 'cluster', name: decodeURIComponent(cluster!) },
    ];
    const tables = awsTables(doc, 100);
    for (const t of tables) {
      const taskCol = t.table.headers.findIndex((h) => /^Task$/i.test(h));
      if (taskCol >= 0) for (const r of t.table.rows) if (r[taskCol]) entities.push({ type: 'task', name: r[taskCol] });
    }
    const notices = awsNotices(doc);
    const ents = dedupeEntities(entities);
    let text = new EvidenceText(`ECS service: ${name}`, url.href).notices(notices).summary(status, undefined, ents).keyValues('Details', keyValues);
    // Events come first in the console's own order (newest first): the agent reads them as a timeline.
    for (const t of tables) text = text.section(t.heading || 'Table', t.table.rows.length ? tableToMarkdown(t.table, t.total) : t.empty || '(empty)');
    return { title: `ECS ${name}`, status, queries: [], entities: ents, keyValues, notices, text: text.toString() };
  },
};
