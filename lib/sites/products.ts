import type { Product } from './types';

/**
 * Is this page really the product an adapter is for? Hosts alone cannot tell: Grafana is
 * self-hosted anywhere and consoles get proxied, so the DOM's own fingerprint also counts
 * (Grafana's `data-testid` selectors, Cloudscape's `awsui_` classes, Datadog's `druids_`
 * design-system classes). That is also what lets saved pages served on localhost match.
 */
const HOSTS: Record<Product, RegExp> = {
  grafana: /(^|\.)grafana\.(net|com)$|^grafana\./,
  aws: /(^|\.)console\.aws\.amazon\.com$|(^|\.)console\.amazonaws-us-gov\.com$/,
  datadog: /(^|\.)(datadoghq\.(com|eu)|ddog-gov\.com)$/,
};

const DOM_FINGERPRINT: Record<Product, string> = {
  grafana: 'body.app-grafana, [data-testid^="data-testid "]',
  aws: '[class*="awsui_"], [class*="awsui-"]',
  datadog: '[class*="druids_"]',
};

export function isProductPage(product: Product, url: URL, doc: Document): boolean {
  return HOSTS[product].test(url.hostname) || doc.querySelector(DOM_FINGERPRINT[product]) !== null;
}

/** Entity type for a dashboard variable or tag name such as `var-namespace` or `kube_cluster_name`. */
export function entityTypeForName(name: string): 'service' | 'cluster' | 'namespace' | 'pod' | 'env' | 'host' | 'function' | undefined {
  const n = name.toLowerCase().replace(/^var-/, '');
  if (/^(service|svc|app|application|job|service_name)$/.test(n)) return 'service';
  if (/^(cluster|kube_cluster_name|cluster_name|eks_cluster)$/.test(n)) return 'cluster';
  if (/^(namespace|ns|kube_namespace|k8s_namespace)$/.test(n)) return 'namespace';
  if (/^(pod|pod_name|kube_pod)$/.test(n)) return 'pod';
  if (/^(env|environment|stage)$/.test(n)) return 'env';
  if (/^(host|instance|node|hostname)$/.test(n)) return 'host';
  if (/^(function|functionname|function_name)$/.test(n)) return 'function';
  return undefined;
}
