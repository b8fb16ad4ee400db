// Retrieval quality of the knowledge base on the kube-prometheus runbooks
// (/work/shared/data/runbook-retrieval, override with KB_RETRIEVAL_DATA): every runbook is
// indexed as a user document, each alert is a query. Reports top-1, top-3 and MRR for alerts
// that have a runbook, and for alerts without one how often the search says "not confident".
// Baselines in the same process on the same documents: the previous defaults and plain BM25.
//
// Two query formulations: "summary + description" (the issue's protocol) and "alert name +
// summary + description" (what an Alertmanager notification carries: the alertname label is
// always there). The alert name is plain query text, never matched against file names.
//
// Overfitting check: the defaults were picked from a small grid on this same dev set (the only
// labelled set in the data directory), so the bench also runs leave-one-out cross-validation:
// for each alert, the grid point with the best MRR on the *other* alerts ranks the held-out one.
// Grid points must also keep the shipped global pack's regression queries (pack-format.test.ts,
// a different corpus and query style) at top-1: large title boosts win here but fail there.
// Run: npm run bench -- kb-retrieval
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_BM25 } from '../../lib/kb/bm25-index';
import { DEFAULT_FUSION } from '../../lib/kb/hybrid-fusion';
import { prepareDocument, type PreparedDocument } from '../../lib/kb/ingest';
import { DEFAULT_TITLE_AGREEMENT, DEFAULT_TITLE_BOOST, KbIndex, type KbIndexOptions } from '../../lib/kb/kb-index';
import { RELATED_TERM_WEIGHT } from '../../lib/kb/ops-synonyms';
import { loadGlobalPack, loadStaticEmbedder } from '../../lib/kb/node/artifacts';
import { loadPack } from '../../lib/kb/pack-format';

const DATA = process.env.KB_RETRIEVAL_DATA ?? '/work/shared/data/runbook-retrieval';

interface Alert {
  alert: string;
  summary: string;
  description: string;
  runbook_path: string | null;
}

type Ranking = Omit<KbIndexOptions, 'dim'>;

/** Per alert: rank of its runbook (-1: not in the top 10; null: it has none) and `confident`. */
interface Outcome {
  rank: number | null;
  confident: boolean;
}

function listMarkdown(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listMarkdown(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

if (!fs.existsSync(path.join(DATA, 'alerts-dev.json'))) {
  console.error(`Retrieval data not found in ${DATA} (set KB_RETRIEVAL_DATA)`);
  process.exit(1);
}
const dataFiles = fs.readdirSync(DATA).filter((f) => f.endsWith('.json'));
const embedder = loadStaticEmbedder();
const root = path.join(DATA, 'runbooks');
const documents: PreparedDocument[] = [];
for (const file of listMarkdown(root)) {
  const relative = path.relative(root, file);
  const text = fs.readFileSync(file, 'utf8');
  documents.push(await prepareDocument({ id: relative, tier: 'user', source: relative, text, fallbackTitle: path.basename(file, '.md') }, embedder));
}
const alerts = JSON.parse(fs.readFileSync(path.join(DATA, 'alerts-dev.json'), 'utf8')) as Alert[];
const formulations = {
  'summary + description': (a: Alert) => `${a.summary}\n${a.description}`,
  'alert name + summary + description': (a: Alert) => `${a.alert}\n${a.summary}\n${a.description}`,
};
const queryVectors = new Map<string, Float32Array[]>();
for (const [name, build] of Object.entries(formulations)) queryVectors.set(name, await embedder.embed(alerts.map(build)));

function run(ranking: Ranking, formulation: keyof typeof formulations): { outcomes: Outcome[]; p50ms: number } {
  const index = new KbIndex({ dim: embedder.dim, ...ranking });
  for (const d of documents) index.addDocument(d.meta, d.chunks, d.vectors);
  const vectors = queryVectors.get(formulation)!;
  const times: number[] = [];
  const outcomes = alerts.map((alert, i) => {
    const started = performance.now();
    const result = index.search(formulations[formulation](alert), vectors[i]!, { k: 10 });
    times.push(performance.now() - started);
    const rank = alert.runbook_path ? result.hits.findIndex((h) => h.document.id === alert.runbook_path) : null;
    if (process.env.KB_DEBUG && rank !== 0) console.log(rank === null ? 'NONE' : 'MISS', alert.alert, rank, result.hits[0]?.document.id, result.confidence.toFixed(2));
    return { rank, confident: result.confident };
  });
  times.sort((a, b) => a - b);
  return { outcomes, p50ms: times[Math.floor(times.length / 2)] ?? 0 };
}

interface Scores {
  top1: number;
  top3: number;
  mrr: number;
  withRunbook: number;
  noRunbookNotConfident: number;
  withRunbookConfident: number;
}

function score(outcomes: Outcome[]): Scores {
  const withRunbook = outcomes.filter((o) => o.rank !== null);
  const without = outcomes.filter((o) => o.rank === null);
  const share = (list: Outcome[], test: (o: Outcome) => boolean) => list.filter(test).length / Math.max(1, list.length);
  return {
    top1: share(withRunbook, (o) => o.rank === 0),
    top3: share(withRunbook, (o) => o.rank! >= 0 && o.rank! < 3),
    mrr: withRunbook.reduce((sum, o) => sum + (o.rank! >= 0 ? 1 / (o.rank! + 1) : 0), 0) / Math.max(1, withRunbook.length),
    withRunbook: withRunbook.length,
    noRunbookNotConfident: share(without, (o) => !o.confident),
    withRunbookConfident: share(withRunbook, (o) => o.confident),
  };
}

/** The shipped pack's regression queries (as in lib/kb/pack-format.test.ts): query → runbook. */
const packChecks: [string, string][] = [
  ['pod keeps restarting with CrashLoopBackOff after the deploy', 'global:k8s-crashloopbackoff'],
  ['ALB returning 504 gateway timeout to clients', 'global:aws-alb-5xx'],
  ['FATAL: sorry, too many clients already from postgres', 'global:postgres-too-many-connections'],
  ['kafka consumer group lag keeps growing', 'global:kafka-consumer-lag'],
  ['terraform Error acquiring the state lock', 'global:terraform-state-lock'],
  ['java.lang.OutOfMemoryError: Java heap space in the order service', 'global:jvm-heap-outofmemory'],
];
const pack = loadGlobalPack();
function passesPackChecks(ranking: Ranking): boolean {
  const index = new KbIndex({ dim: embedder.dim, ...ranking });
  loadPack(index, pack, embedder.id);
  return packChecks.every(([query, expected]) => index.search(query, embedder.embedOne(query), { k: 1 }).hits[0]?.document.id === expected);
}

/** The grid the defaults were chosen from; the CV below re-chooses within it per fold. */
const fullGrid: Ranking[] = [];
for (const titleBoost of [0.5, 0.75, 1, 2, 3])
  for (const k3 of [0, 0.3, 0.6, 1.2])
    for (const keyword of [0.5, 0.7, 0.85])
      for (const titleAgreement of [0, 0.15, 0.3, 0.45])
        for (const relatedTermWeight of [0, 0.5])
          fullGrid.push({ titleBoost, bm25: { k3 }, fusion: { keyword, vector: 1 - keyword }, titleAgreement, relatedTermWeight });
const grid = fullGrid.filter(passesPackChecks);
const failedTitleBoosts = [...new Set(fullGrid.filter((r) => !grid.includes(r)).map((r) => r.titleBoost))].sort((a, b) => a! - b!);

/**
 * Leave-one-out: for each alert, pick the grid point with the best MRR (ties: best share of
 * no-runbook alerts not confident, then grid order) on the other alerts, and record that
 * point's outcome for the held-out alert. Returns the pooled outcomes and how often each
 * point was picked.
 */
function leaveOneOut(formulation: keyof typeof formulations): { outcomes: Outcome[]; picks: Map<number, number> } {
  const table = grid.map((ranking) => run(ranking, formulation).outcomes);
  const picks = new Map<number, number>();
  const outcomes = alerts.map((_, heldOut) => {
    let best = 0;
    let bestKey = [-1, -1];
    table.forEach((outcomes, g) => {
      const s = score(outcomes.filter((__, i) => i !== heldOut));
      const key = [s.mrr, s.noRunbookNotConfident];
      if (key[0]! > bestKey[0]! + 1e-12 || (Math.abs(key[0]! - bestKey[0]!) <= 1e-12 && key[1]! > bestKey[1]! + 1e-12)) {
        best = g;
        bestKey = key;
      }
    });
    picks.set(best, (picks.get(best) ?? 0) + 1);
    return table[best]![heldOut]!;
  });
  return { outcomes, picks };
}

const describeRanking = (r: Ranking) =>
  `title ${r.titleBoost}, k3 ${r.bm25?.k3}, keyword/vector ${r.fusion?.keyword}/${(1 - (r.fusion?.keyword ?? 0)).toFixed(2)}, ` +
  `title agreement ${r.titleAgreement}, synonyms ${r.relatedTermWeight}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const row = (name: string, s: Scores, p50ms?: number) =>
  `| ${name} | ${s.top1.toFixed(3)} (${Math.round(s.top1 * s.withRunbook)}/${s.withRunbook}) | ${s.top3.toFixed(3)} (${Math.round(s.top3 * s.withRunbook)}/${s.withRunbook}) | ${s.mrr.toFixed(3)} | ${pct(s.noRunbookNotConfident)} | ${pct(s.withRunbookConfident)} | ${p50ms === undefined ? '–' : p50ms.toFixed(2)} |`;

const defaults: Ranking = {};
const previous: Ranking = { titleAgreement: 0, relatedTermWeight: 0 };
const sections: string[] = [];
for (const formulation of Object.keys(formulations) as (keyof typeof formulations)[]) {
  const rows: string[] = [];
  const add = (name: string, ranking: Ranking) => {
    const r = run(ranking, formulation);
    rows.push(row(name, score(r.outcomes), r.p50ms));
  };
  add('hybrid (default)', defaults);
  add('keyword only (BM25 fields, synonyms, title agreement)', { fusion: { keyword: 1, vector: 0 } });
  add('vector only (cosine alone)', { fusion: { keyword: 0, vector: 1 }, titleAgreement: 0, relatedTermWeight: 0 });
  add('without synonyms', { relatedTermWeight: 0 });
  add('without title agreement', { titleAgreement: 0 });
  add('previous default (neither: session 2)', previous);
  add('baseline: plain BM25 (one field, no vectors, k3 1.2)', { titleBoost: 0, bm25: { k3: 1.2 }, fusion: { keyword: 1, vector: 0 }, titleAgreement: 0, relatedTermWeight: 0 });
  const cv = leaveOneOut(formulation);
  rows.push(row('**leave-one-out CV over the grid** (held-out alerts only)', score(cv.outcomes)));
  const picked = [...cv.picks.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([g, n]) => `${describeRanking(grid[g]!)} (${n}×)`)
    .join('; ');
  sections.push(`#### Query: ${formulation}

| ranking | top-1 | top-3 | MRR | no-runbook alerts reported not confident | runbook alerts reported confident | search p50 ms |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Grid points the CV folds picked: ${picked}.`);
}

console.log(`### Knowledge-base retrieval quality (runbook-retrieval, alerts-dev.json)

Command: \`npm run bench -- kb-retrieval\` (Node ${process.version}; default embedder: static GloVe 100-d, f32 index;
defaults: ${describeRanking({ titleBoost: DEFAULT_TITLE_BOOST, bm25: DEFAULT_BM25, fusion: DEFAULT_FUSION, titleAgreement: DEFAULT_TITLE_AGREEMENT, relatedTermWeight: RELATED_TERM_WEIGHT })}).
The synonym groups (lib/kb/ops-synonyms.ts) are a fixed, hand-written list; its "down" group was extended after reading this
set's misses, so the CV below cannot vouch for that list, only for the weights.
Data files: ${dataFiles.join(', ')} (${alerts.length} alerts; ${documents.length} Markdown files indexed: runbooks and section index pages; no second split exists, hence the
leave-one-out CV over a grid: title boost 0.5–3 × k3 0–1.2 × keyword weight 0.5–0.85 × title agreement 0–0.45 × synonym weight 0/0.5,
${fullGrid.length} points, of which the
${grid.length} that keep the shipped pack's ${packChecks.length} regression queries at top-1 are eligible; title boosts failing that check
at least once: ${failedTitleBoosts.join(', ') || 'none'}). \`confident\`'s threshold was calibrated on this same set and is not re-tuned by the CV.

${sections.join('\n\n')}

Targets (issue 7): top-1 ≥ 0.92, top-3 ≥ 0.98, ≥ 80% of no-runbook alerts not confident.`);
