import { detectCandidates, type Candidate, type DetectorOptions } from './detectors';
import type { Finding } from './secret-types';

export interface FindOptions {
  /** Also mask IPv4/IPv6 addresses (off by default: they are often what the engineer needs). */
  ipAddresses?: boolean;
  /** Also mask fully qualified host names. */
  hostnames?: boolean;
}

/**
 * All secrets in `text`, in order, without overlaps. Where detectors disagree the more
 * specific one wins (its place in DETECTORS), then the longer span: `api_key=sk-proj-…`
 * is one OpenAI key, not a config secret plus a key.
 */
export function findSecrets(text: string, options: FindOptions = {}): Finding[] {
  const detectorOptions: DetectorOptions = { ipAddresses: options.ipAddresses ?? false, hostnames: options.hostnames ?? false };
  const candidates = detectCandidates(text, detectorOptions);
  if (candidates.length === 0) return [];
  // Sweep in text order; only candidates that overlap each other (a cluster) need arbitration.
  candidates.sort((a, b) => a.start - b.start);
  const findings: Finding[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  const settle = () => {
    if (cluster.length === 1) findings.push(toFinding(cluster[0]!));
    else if (cluster.length > 1) {
      cluster.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
      const accepted: Candidate[] = [];
      for (const c of cluster) if (!accepted.some((a) => c.start < a.end && a.start < c.end)) accepted.push(c);
      findings.push(...accepted.sort((a, b) => a.start - b.start).map(toFinding));
    }
    cluster = [];
  };
  for (const c of candidates) {
    if (c.start >= clusterEnd) {
      settle();
      clusterEnd = c.end;
    } else clusterEnd = Math.max(clusterEnd, c.end);
    cluster.push(c);
  }
  settle();
  return findings;
}

function toFinding({ type, start, end }: Candidate): Finding {
  return { type, start, end };
}
