/**
 * Typed evidence produced by site adapters. Everything here must survive structured cloning:
 * adapters run inside the captured page and their result crosses `scripting.executeScript`.
 */
export type Product = 'grafana' | 'aws' | 'datadog';

export type EntityType =
  | 'service'
  | 'cluster'
  | 'namespace'
  | 'pod'
  | 'alarm'
  | 'monitor'
  | 'dashboard'
  | 'datasource'
  | 'log-group'
  | 'function'
  | 'db-instance'
  | 'task'
  | 'host'
  | 'rule'
  | 'metric'
  | 'env'
  | 'user';

export interface EntityRef {
  type: EntityType;
  name: string;
}

/** A time range as absolute UTC instants, with the page's own wording kept for citation. */
export interface AbsoluteTimeRange {
  from: string;
  to: string;
  /** What the page said, e.g. `now-6h → now` or `Last 1 hour`. */
  raw: string;
}

/** What an adapter reads from its page; the registry adds the provenance fields. */
export interface AdapterOutput {
  title: string;
  status?: string;
  timeRange?: AbsoluteTimeRange;
  queries: string[];
  entities: EntityRef[];
  keyValues: Record<string, string>;
  /** Error banners and empty states, so the agent knows what the page could not show. */
  notices: string[];
  /** Readable Markdown: what the agent sees. */
  text: string;
}

export interface StructuredEvidence extends AdapterOutput {
  pageKind: string;
  product: Product;
  url: string;
  /** ISO UTC. */
  capturedAt: string;
}

export interface SiteAdapter {
  /** Page kind, also the adapter's file name and its fixture folder. */
  kind: string;
  product: Product;
  label: string;
  /** Real URLs this adapter is for; the convention test checks `matchesUrl` accepts each. */
  exampleUrls: readonly string[];
  /** URL shape only (path, query, hash): product hosts are checked separately by `product`. */
  matchesUrl(url: URL): boolean;
  extract(doc: Document, url: URL, now: Date): AdapterOutput;
}
