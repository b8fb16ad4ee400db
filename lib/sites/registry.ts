import { cloudwatchAlarm } from './aws/cloudwatch-alarm';
import { cloudwatchLogEvents } from './aws/cloudwatch-log-events';
import { cloudwatchLogsInsights } from './aws/cloudwatch-logs-insights';
import { cloudwatchMetrics } from './aws/cloudwatch-metrics';
import { cloudtrailEvents } from './aws/cloudtrail-events';
import { ecsService } from './aws/ecs-service';
import { eksCluster } from './aws/eks-cluster';
import { lambdaFunction } from './aws/lambda-function';
import { rdsInstance } from './aws/rds-instance';
import { datadogApmService } from './datadog/datadog-apm-service';
import { datadogDashboard } from './datadog/datadog-dashboard';
import { datadogEvents } from './datadog/datadog-events';
import { datadogLogs } from './datadog/datadog-logs';
import { datadogMonitor } from './datadog/datadog-monitor';
import { grafanaAlertRule } from './grafana/grafana-alert-rule';
import { grafanaDashboard } from './grafana/grafana-dashboard';
import { grafanaExplore } from './grafana/grafana-explore';
import { isProductPage } from './products';
import type { SiteAdapter, StructuredEvidence } from './types';

/**
 * Every site adapter. Their URL shapes are disjoint (the convention test checks that each
 * fixture page matches exactly one adapter, and that every adapter file is listed here).
 */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  grafanaDashboard,
  grafanaExplore,
  grafanaAlertRule,
  cloudwatchAlarm,
  cloudwatchLogsInsights,
  ecsService,
  datadogMonitor,
  datadogLogs,
  lambdaFunction,
  rdsInstance,
  cloudtrailEvents,
  eksCluster,
  cloudwatchMetrics,
  datadogApmService,
  datadogDashboard,
  datadogEvents,
  cloudwatchLogEvents,
];

export function findAdapters(url: URL, doc: Document): SiteAdapter[] {
  return SITE_ADAPTERS.filter((a) => {
    try {
      return a.matchesUrl(url) && isProductPage(a.product, url, doc);
    } catch {
      return false;
    }
  });
}

export interface SiteCapture {
  structured?: StructuredEvidence;
  /** Adapters that matched but threw: reported, never fatal. */
  failures: { kind: string; message: string }[];
}

/**
 * Runs the matching adapters in turn until one succeeds. A broken adapter (the console changed
 * its markup) is recorded and skipped, and the caller falls back to the generic extractor.
 */
export function captureSitePage(doc: Document, url: URL, now: Date): SiteCapture {
  const failures: SiteCapture['failures'] = [];
  for (const adapter of findAdapters(url, doc)) {
    try {
      const out = adapter.extract(doc, url, now);
      if (!out.text.trim()) throw new Error('adapter read nothing');
      return {
        structured: { ...out, pageKind: adapter.kind, product: adapter.product, url: url.href, capturedAt: now.toISOString() },
        failures,
      };
    } catch (error) {
      failures.push({ kind: adapter.kind, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { failures };
}
