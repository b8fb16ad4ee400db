import { rangeFromEpochMs } from '../time-range';
import type { AbsoluteTimeRange, EntityRef, SiteAdapter } from '../types';
import { awsHashRoute, readAwsDetailsPage } from './aws-page';
import { parseJsurl } from './jsurl';

interface Graph {
  metrics?: unknown[][];
  start?: string;
  end?: string;
  period?: number;
  stat?: string;
  region?: string;
}

/** `-PT3H`, `-P1D`, `P0D`: ISO-8601 durations relative to now, as the metrics console writes them. */
function isoOffsetMs(d: string): number | null {
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(d);
  if (!m) return null;
  const ms = (Number(m[2] ?? 0) * 24 * 3600 + Number(m[3] ?? 0) * 3600 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 1000;
  return m[1] ? -ms : ms;
}

function graphRange(g: Graph, now: Date): AbsoluteTimeRange | undefined {
  if (!g.start) return undefined;
  const rel = isoOffsetMs(g.start);
  const relEnd = g.end ? isoOffsetMs(g.end) : 0;
  if (rel !== null) return rangeFromEpochMs(now.getTime() + rel, now.getTime() + (relEnd ?? 0), `${g.start} → ${g.end ?? 'P0D'}`);
  return rangeFromEpochMs(Date.parse(g.start), g.end ? Date.parse(g.end) : now.getTime(), `${g.start} → ${g.end ?? 'now'}`);
}

const DIMENSION_ENTITY: Record<string, EntityRef['type']> = {
  ServiceName: 'service',
  ClusterName: 'cluster',
  DBInstanceIdentifier: 'db-instance',
  FunctionName: 'function',
  LoadBalancer: 'service',
  InstanceId: 'host',
};

export const cloudwatchMetrics: SiteAdapter = {
  kind: 'cloudwatch-metrics',
  product: 'aws',
  label: 'CloudWatch metrics graph',
  exampleUrls: [
    "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#metricsV2?graph=~(metrics~(~(~'AWS*2fECS~'CPUUtilization~'ServiceName~'checkout~'ClusterName~'prod-eu))~stat~'Average~period~300~start~'-PT3H~end~'P0D)",
    'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#metricsV2:graph=~()',
  ],
  matchesUrl: (url) => /\/cloudwatch\/home\/?$/.test(url.pathname) && /^metricsV2[?:]/.test(awsHashRoute(url)),
  extract(doc, url, now) {
    let graph: Graph = {};
    const raw = /graph=(~\(.*?\))(?:&|$)/.exec(awsHashRoute(url))?.[1];
    try {
      if (raw) graph = parseJsurl(raw) as Graph;
    } catch {
      graph = {};
    }
    const entities: EntityRef[] = [];
    const series: string[] = [];
    for (const m of graph.metrics ?? []) {
      const [namespace, metric, ...dims] = m.filter((x) => typeof x === 'string') as string[];
      if (!namespace || !metric) continue;
      entities.push({ type: 'metric', name: `${namespace}/${metric}` });
      const pairs: string[] = [];
      for (let i = 0; i + 1 < dims.length; i += 2) {
        pairs.push(`${dims[i]}=${dims[i + 1]}`);
        const type = DIMENSION_ENTITY[dims[i]!];
        if (type) entities.push({ type, name: dims[i + 1]! });
      }
      series.push(`${namespace} ${metric}${pairs.length ? ` {${pairs.join(', ')}}` : ''}`);
    }
    const extra: Record<string, string> = {};
    if (series.length) extra.Metrics = series.join('; ');
    if (graph.stat) extra.Statistic = graph.stat;
    if (graph.period) extra.Period = `${graph.period} s`;
    const out = readAwsDetailsPage(doc, url, {
      heading: 'CloudWatch metrics',
      fallbackName: series[0] ?? 'Metrics',
      statusKeys: [],
      entities,
      timeRange: graphRange(graph, now),
      extraKeyValues: extra,
    });
    return { ...out, queries: series };
  },
};
