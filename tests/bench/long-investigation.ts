// Long scripted investigations for the memory benchmark: 30+ turns, large log evidence, and
// key facts pinned at known turns. Deterministic (seeded), so every run measures the same case.

export interface LongTurn {
  user: string;
  evidence: { id: string; title: string; kind: string; text: string }[];
  /** Structured model output for this turn, as a model would send it. */
  output: Record<string, unknown>;
}

export interface LongCase {
  name: string;
  severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
  turns: LongTurn[];
  /** Facts the scenario pins, with the turn (1-based) they are learned. */
  pinned: { turn: number; fact: string }[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0xffffffff;
  };
}

const SERVICES = ['checkout-api', 'cart-api', 'payments-db', 'auth-service', 'search-api', 'inventory-api'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'WARN', 'ERROR'];
const MESSAGES = [
  'HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=%n)',
  'GET /api/v2/checkout/%n 502 upstream timed out after 30001ms',
  'POST /api/v2/orders 200 in %nms',
  'GC pause (G1 Evacuation Pause) %nms heap 2.1G->1.4G(4G)',
  'cache miss for sku-%n, loading from inventory-api',
  'retrying payment authorisation attempt=%n backoff=200ms',
  'readiness probe ok latency=%nms',
  'slow query: SELECT * FROM orders WHERE customer_id = ? took %nms',
  'circuit breaker payments-gateway state=HALF_OPEN failures=%n',
];

/** A realistic-looking log of about `kb` kilobytes. */
export function generateLog(random: () => number, kb: number, startMinute: number): string {
  const lines: string[] = [];
  let size = 0;
  let second = 0;
  while (size < kb * 1024) {
    second += Math.floor(random() * 3);
    const minute = startMinute + Math.floor(second / 60);
    const ts = `2024-05-14T${String(14 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.${String(Math.floor(random() * 1000)).padStart(3, '0')}Z`;
    const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
    const level = LEVELS[Math.floor(random() * LEVELS.length)]!;
    const message = MESSAGES[Math.floor(random() * MESSAGES.length)]!.replace('%n', String(Math.floor(random() * 5000)));
    const line = `${ts} ${level} [${service}-${Math.floor(random() * 0xffff).toString(16)}] ${message} request_id=${Math.floor(random() * 1e9).toString(36)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

function answer(random: () => number, turn: number, focus: string, facts: string[]): string {
  const paragraphs = [
    `Turn ${turn} finding: ${focus}. ${facts.join('. ')}.`,
    `Looking at the new evidence in detail, the pattern is consistent with what we saw earlier: requests to checkout-api queue behind the connection pool, and the p99 latency sits at the 30 s acquisition timeout. ${random() > 0.5 ? 'The error bursts line up with traffic peaks, not with garbage collection pauses.' : 'GC pauses stay under 200 ms, so the JVM itself is not the bottleneck.'}`,
    `What this means for the hypotheses: the evidence ${random() > 0.5 ? 'strengthens' : 'does not change'} the pool-size explanation, and it ${random() > 0.5 ? 'weakens' : 'leaves open'} the idea of a slow database. I have linked it accordingly and noted what each item shows.`,
    `Next, the most useful check is below. It is read-only and safe to run during the incident:\n\n\`\`\`\nkubectl logs deploy/checkout-api -n shop --since=15m | grep -c "Connection is not available"\n\`\`\``,
    `If the count keeps rising after the change, we should look again at the timeline; if it drops to zero, we can move to the write-up.`,
  ];
  return paragraphs.join('\n\n');
}

/**
 * One long case: a slow burn where evidence keeps coming and hypotheses are tested one by one
 * over `turns` turns before the fix is verified and the case is resolved.
 */
export function buildLongCase(name: string, turns: number, seed: number, evidenceKb: number): LongCase {
  const random = rng(seed);
  const out: LongTurn[] = [];
  const pinned: { turn: number; fact: string }[] = [];
  let evidenceCount = 0;
  const pinAt = new Set([1, 3, 4, 6, 9, 12, 15, 18, 21, 24, 27, 30, turns - 4, turns - 2]);
  const hypothesisAt: Record<number, { statement: string; category: string }[]> = {
    4: [
      { statement: 'The v2.3.1 pool cut to 10 connections starves checkout-api', category: 'deployment' },
      { statement: 'payments-db is slow under load', category: 'database' },
    ],
    10: [{ statement: 'A retry storm from cart-api multiplies checkout traffic', category: 'dependency' }],
    16: [{ statement: 'Node-level CPU throttling slows request handling', category: 'infrastructure' }],
  };
  for (let t = 1; t <= turns; t++) {
    const evidence: LongTurn['evidence'] = [];
    if (t >= 3 && t % 2 === 1) {
      evidenceCount++;
      evidence.push({
        id: `${name}-ev${evidenceCount}`,
        title: `checkout-api logs part ${evidenceCount}`,
        kind: 'file',
        text: generateLog(random, evidenceKb * (0.6 + random() * 0.8), t * 3),
      });
    }
    const pastedLog = t >= 3 && t % 4 === 0 ? `\n\nHere is what I see right now:\n${generateLog(random, 3, t * 3)}` : '';
    const user = `Update ${t}: ${['I checked the dashboards again.', 'Pasting what the pods say.', 'The team lead asks for status.', 'I ran the command you suggested.'][t % 4]}${pastedLog}`;
    const facts = [`pool wait count at turn ${t} is ${80 + Math.floor(random() * 40)}`, `p99 latency at turn ${t} is ${(28 + random() * 4).toFixed(1)} s`];
    const keyFacts: { fact: string; pin: boolean }[] = facts.map((fact) => ({ fact, pin: false }));
    if (pinAt.has(t)) {
      const fact = `KEY-${String(t).padStart(2, '0')}: ${['checkout 5xx 31% since 14:05 UTC', 'only checkout-api affected, both regions', 'v2.3.1 at 14:02 set maximumPoolSize 50→10', 'pool total=10 active=10 waiting≈90', 'traffic flat at 412 req/s', 'payments-db CPU 22%, no slow queries', 'cart-api retries capped at 1', 'node CPU throttling 0%', 'GC pauses under 200 ms', 'pool acquisition timeout 30 s', 'error bursts every 5 min match cron batch', 'batch job holds 6 connections for 40 s', 'rollback to v2.3.0 restores pool 50', 'after rollback 5xx 0%, pool active 14/50'][[...pinAt].indexOf(t)]}`;
      keyFacts.unshift({ fact, pin: true });
      pinned.push({ turn: t, fact });
    }
    const output: Record<string, unknown> = {
      answer: answer(random, t, facts[0]!, facts),
      keyFacts,
      suggestedActions: [
        { kind: 'run', label: 'Count pool timeouts', payload: `kubectl logs deploy/checkout-api -n shop --since=${5 + t}m | grep -c "Connection is not available"` },
        { kind: 'evidence', label: 'Pool metrics', payload: `Grafana panel "Hikari pool" for the last ${10 + t} minutes` },
      ],
    };
    if (t === 1) output.problem = { proposedStatement: 'checkout-api returns 502 for about 30% of requests since 14:05 UTC', userConfirmedStatement: false, userDecidedToInvestigate: false, urgency: null };
    if (t === 2) output.problem = { proposedStatement: null, userConfirmedStatement: true, userDecidedToInvestigate: true, urgency: null };
    if (t === 3) output.milestones = ['symptom_verified', 'scope_assessed'];
    if (t === 4) output.milestones = ['timeline_established', 'changes_identified'];
    if (hypothesisAt[t]) output.hypothesesToAdd = hypothesisAt[t]!.map((h) => ({ ...h, likelihood: 0.45 }));
    const latest = evidenceCount > 0 ? `E${evidenceCount}` : null;
    if (latest && t > 4 && t < turns - 5) {
      // Weak, mixed evidence: the case grinds on without validating anything too early.
      const links = [{ hypothesisId: 'H1', evidenceLabel: latest, stance: t % 3 === 0 ? 'supports' : 'neutral', confidence: 0.3, note: `log part ${evidenceCount}` }];
      if (t > 10) links.push({ hypothesisId: 'H3', evidenceLabel: latest, stance: 'refutes', confidence: 0.4, note: 'retries capped' });
      if (t > 16) links.push({ hypothesisId: 'H4', evidenceLabel: latest, stance: 'refutes', confidence: 0.5, note: 'no throttling' });
      if (t > 6) links.push({ hypothesisId: 'H2', evidenceLabel: latest, stance: 'refutes', confidence: 0.5, note: 'db healthy' });
      output.evidenceLinks = links;
    }
    if (t === turns - 5 && latest) {
      output.evidenceLinks = [
        { hypothesisId: 'H1', evidenceLabel: latest, stance: 'supports', confidence: 1, note: 'total=10 equals the new limit' },
        { hypothesisId: 'H1', evidenceLabel: 'E1', stance: 'supports', confidence: 1, note: 'pool saturated from 14:05' },
      ];
    }
    if (t === turns - 4) output.milestones = ['solution_proposed'];
    if (t === turns - 2) output.milestones = ['solution_verified'];
    if (t === turns - 1) {
      output.proposedTransition = { toStatus: 'resolved', reason: 'Rollback verified', summary: 'Pool cut in v2.3.1 caused checkout 5xx; rollback fixed it.', evidenceLabels: ['E1'] };
    }
    if (t === turns) output.transitionReply = 'confirmed';
    out.push({ user, evidence, output });
  }
  return { name, severity: 'sev2', turns: out, pinned };
}
