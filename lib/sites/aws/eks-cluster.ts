import type { EntityRef, SiteAdapter } from '../types';
import { awsTables, readAwsDetailsPage } from './aws-page';

const PATH = /\/eks\/(?:home|clusters)(?:\/([^/?#]+))?/;

export const eksCluster: SiteAdapter = {
  kind: 'eks-cluster',
  product: 'aws',
  label: 'EKS cluster or workload',
  exampleUrls: [
    'https://us-east-1.console.aws.amazon.com/eks/clusters/prod-eu?region=us-east-1&selectedTab=cluster-resources-tab',
    'https://us-east-1.console.aws.amazon.com/eks/home?region=us-east-1#/clusters/prod-eu/deployments/checkout?namespace=shop',
  ],
  matchesUrl: (url) => /\/eks\/clusters\/[^/]+\/?$/.test(url.pathname) || (/\/eks\/home\/?$/.test(url.pathname) && /^#\/clusters\/[^/]+/.test(url.hash)),
  extract(doc, url) {
    const hash = /^#\/clusters\/([^/?]+)(?:\/(deployments|pods|statefulsets|daemonsets)\/([^/?]+))?/.exec(url.hash);
    const cluster = decodeURIComponent(hash?.[1] ?? /\/eks\/clusters\/([^/]+)/.exec(url.pathname)?.[1] ?? PATH.exec(url.pathname)?.[1] ?? '');
    const workload = hash?.[3] ? decodeURIComponent(hash[3]) : undefined;
    const namespace = new URLSearchParams(url.hash.split('?')[1] ?? '').get('namespace') ?? undefined;
    const entities: EntityRef[] = [{ type: 'cluster', name: cluster }];
    if (workload) entities.push({ type: 'service', name: workload });
    if (namespace) entities.push({ type: 'namespace', name: namespace });
    for (const t of awsTables(doc, 100)) {
      const pod = t.table.headers.findIndex((h) => /^(Pod|Pod name|Name)$/i.test(h));
      const ns = t.table.headers.findIndex((h) => /^Namespace$/i.test(h));
      if (pod < 0 || !/pod/i.test(t.heading)) continue;
      for (const r of t.table.rows) {
        if (r[pod]) entities.push({ type: 'pod', name: r[pod] });
        if (ns >= 0 && r[ns]) entities.push({ type: 'namespace', name: r[ns] });
      }
    }
    return readAwsDetailsPage(doc, url, {
      heading: workload ? `EKS workload (${cluster})` : 'EKS cluster',
      fallbackName: workload ?? cluster,
      statusKeys: ['Status', 'Cluster status'],
      entities,
    });
  },
};
