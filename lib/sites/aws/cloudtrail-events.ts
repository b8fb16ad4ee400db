import { clean } from '../dom';
import { rangeFromRelativeLabel } from '../time-range';
import type { EntityRef, SiteAdapter } from '../types';
import { awsHashRoute, awsTables, readAwsDetailsPage } from './aws-page';

export const cloudtrailEvents: SiteAdapter = {
  kind: 'cloudtrail-events',
  product: 'aws',
  label: 'CloudTrail event history',
  exampleUrls: [
    'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events',
    'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events?ReadOnly=false',
  ],
  matchesUrl: (url) => /\/cloudtrail(v2)?\/home\/?$/.test(url.pathname) && /^\/events\b/.test(awsHashRoute(url)),
  extract(doc, url, now) {
    // Who changed what: users and touched resources are the entities an incident cares about.
    const entities: EntityRef[] = [];
    for (const t of awsTables(doc, 100)) {
      const user = t.table.headers.findIndex((h) => /^User name$/i.test(h));
      const resource = t.table.headers.findIndex((h) => /^Resource name$/i.test(h));
      for (const r of t.table.rows) {
        if (user >= 0 && r[user]) entities.push({ type: 'user', name: r[user] });
        if (resource >= 0 && r[resource]) entities.push({ type: 'service', name: r[resource] });
      }
    }
    const range = clean(doc.querySelector('[class*="awsui_date-range-picker"] [class*="awsui_label-text"]')?.textContent);
    return readAwsDetailsPage(doc, url, {
      heading: 'CloudTrail',
      fallbackName: 'Event history',
      statusKeys: [],
      entities: entities.slice(0, 30),
      timeRange: range ? rangeFromRelativeLabel(range, now) : undefined,
    });
  },
};
