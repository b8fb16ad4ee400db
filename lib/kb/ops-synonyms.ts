import { keywordTerms } from './tokenize';

/**
 * Words on-call engineers use interchangeably for the same failure. An alert says a target
 * "disappeared" or is "unreachable"; the runbook that fixes it is titled "... Down". A page says
 * "504"; the runbook says "gateway timeout". Keyword search cannot bridge those on its own and a
 * static word-vector embedder bridges them poorly, so the query is expanded with the other
 * members of each group it touches, at a reduced weight (`RELATED_TERM_WEIGHT`): an exact word
 * still beats its synonym.
 *
 * Groups hold plain words or short phrases; each is reduced with the same tokenizer as the index,
 * so "certificates" and "certificate" are one entry. A phrase (several terms) matches only when
 * all its terms are in the query, and expands to all its terms. Keep groups to true equivalents:
 * "error" and "failure" are not here because nearly every runbook says both, and "node" is not
 * because it means a machine, a Kubernetes object and a runtime.
 */
const GROUPS: readonly (readonly string[])[] = [
  // Availability
  ['down', 'unreachable', 'unavailable', 'disappeared', 'offline', 'unresponsive'],
  ['flapping', 'intermittent'],
  // Failure words the stemmer does not join
  ['fail', 'failure'],
  ['crash', 'crashed', 'panic'],
  // Speed
  ['latency', 'slow', 'slowness', 'response time'],
  ['timeout', 'timed out', 'deadline exceeded'],
  ['throttle', 'throttling', 'rate limit', 'rate limited', '429'],
  // Resources
  // "Out of memory" tokenises to plain "memory" (stopwords), so OOM joins the memory words.
  ['memory', 'ram', 'mem', 'oom'],
  ['disk', 'filesystem', 'storage'],
  ['full', 'no space left', 'exhausted'],
  ['cpu', 'processor'],
  ['fd', 'file descriptor', 'too many open files'],
  // HTTP status codes and their names
  ['502', 'bad gateway'],
  ['503', 'service unavailable'],
  ['504', 'gateway timeout'],
  ['5xx', 'server error'],
  ['403', 'forbidden', 'access denied', 'permission denied'],
  ['401', 'unauthorized', 'unauthenticated'],
  // Security
  ['cert', 'certificate', 'x509'],
  ['tls', 'ssl', 'https'],
  ['expire', 'expiry', 'expiration'],
  ['auth', 'authentication', 'login'],
  // Delivery
  ['deploy', 'deployment', 'rollout'],
  ['config', 'configuration', 'misconfigured', 'misconfiguration'],
  // Names and abbreviations
  ['k8s', 'kubernetes'],
  ['postgres', 'postgresql', 'pg', 'psql'],
  ['db', 'database'],
  ['dns', 'name resolution', 'nxdomain'],
  ['lb', 'load balancer', 'alb', 'elb'],
  ['elasticsearch', 'opensearch'],
  ['mq', 'message queue', 'broker'],
  ['ci', 'pipeline'],
  ['iac', 'terraform'],
  ['jvm', 'java'],
  ['gc', 'garbage collection'],
];

/** How much a synonym counts against the word the query actually used. */
export const RELATED_TERM_WEIGHT = 0.5;

/** A group member as index terms: one term for a word, several for a phrase. */
type Member = readonly string[];

interface CompiledGroup {
  members: Member[];
}

function compile(groups: readonly (readonly string[])[]): Map<string, CompiledGroup[]> {
  const byFirstTerm = new Map<string, CompiledGroup[]>();
  for (const words of groups) {
    const members = words.map((w) => keywordTerms(w)).filter((m) => m.length > 0);
    const group = { members };
    // A group is found through any term of any member; the full-member check happens per query.
    for (const term of new Set(members.flat())) {
      const list = byFirstTerm.get(term) ?? [];
      list.push(group);
      byFirstTerm.set(term, list);
    }
  }
  return byFirstTerm;
}

const GROUPS_BY_TERM = compile(GROUPS);

/**
 * Terms related to the query's through the groups above, with their weights: for every group
 * where the query contains all the terms of some member, every term of the other members. Terms
 * the query already has are left out (the query's own occurrence counts fully).
 */
export function relatedTerms(queryTerms: readonly string[], weight = RELATED_TERM_WEIGHT): Map<string, number> {
  const present = new Set(queryTerms);
  const related = new Map<string, number>();
  const seen = new Set<CompiledGroup>();
  for (const term of present) {
    for (const group of GROUPS_BY_TERM.get(term) ?? []) {
      if (seen.has(group)) continue;
      seen.add(group);
      if (!group.members.some((member) => member.every((t) => present.has(t)))) continue;
      for (const member of group.members) for (const t of member) if (!present.has(t)) related.set(t, weight);
    }
  }
  return related;
}
