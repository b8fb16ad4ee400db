import { clean, fieldValue, rowText, textsOf } from '../dom';
import { EvidenceText, dedupeEntities } from '../evidence-text';
import { entityTypeForName } from '../products';
import type { EntityRef, SiteAdapter } from '../types';
import { grafanaNotices, grafanaTitle } from './grafana-page';

export const grafanaAlertRule: SiteAdapter = {
  kind: 'grafana-alert-rule',
  product: 'grafana',
  label: 'Grafana alert rule',
  exampleUrls: [
    'https://grafana.example.com/alerting/grafana/bdx8y3kq1/view?tab=query',
    'https://acme.grafana.net/alerting/prometheus-main/HighErrorRate/find',
    'https://grafana.example.com/alerting/grafana/bdx8y3kq1/view',
  ],
  matchesUrl: (url) => /(^|\/)alerting\/[^/]+\/[^/]+\/(view|find)\/?$/.test(url.pathname),
  extract(doc, url) {
    const title = grafanaTitle(doc, 'Alert rule');
    const state = clean(doc.querySelector('[data-testid="state-badge"], [data-testid="data-testid alert rule state"]')?.textContent);
    const queries = Array.from(doc.querySelectorAll('[data-testid="data-testid query editor"] textarea, [data-testid="alert-rule-query"], [data-testid="expression"] pre'))
      .map((el) => fieldValue(el))
      .filter(Boolean);
    const keyValues: Record<string, string> = {};
    if (state) keyValues.state = state;
    for (const dt of Array.from(doc.querySelectorAll('[data-testid="alert-rule-details"] dt'))) {
      const value = clean(dt.nextElementSibling?.textContent);
      if (value) keyValues[clean(dt.textContent)] = value;
    }
    const labels = textsOf(doc, '[data-testid="label-value"]');
    const entities: EntityRef[] = [{ type: 'rule', name: title }];
    for (const l of labels) {
      const [k, ...rest] = l.split('=');
      const type = k ? entityTypeForName(k.trim()) : undefined;
      if (type && rest.length) entities.push({ type, name: rest.join('=').trim() });
    }
    if (labels.length) keyValues.labels = labels.join(', ');
    const instances = Array.from(doc.querySelectorAll('[data-testid="alert-instances"] tbody tr')).map((r) => rowText(r));
    const notices = grafanaNotices(doc);
    const ents = dedupeEntities(entities);
    const text = new EvidenceText(`Grafana alert rule: ${title}`, url.href)
      .notices(notices)
      .summary(state || undefined, undefined, ents)
      .keyValues('Details', keyValues)
      .queries(queries, 'Query / expression')
      .section('Instances', instances.map((i) => `- ${i}`).join('\n'))
      .toString();
    return { title, status: state || undefined, queries, entities: ents, keyValues, notices, text };
  },
};
