// Retrieval quality of the knowledge base on the kube-prometheus runbooks
// (/work/shared/data/runbook-retrieval, override with KB_RETRIEVAL_DATA): every runbook is
// indexed as a user document, each alert's summary + description is the query. Reports top-1,
// top-3 and MRR for alerts that have a runbook, and for alerts without one how often the
// search says "not confident". The plain BM25 baseline runs in the same process on the same
// index (fusion weights keyword 1, vector 0).
// Run: npm run bench -- kb-retrieval
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_FUSION, type FusionWeights } from '../../lib/kb/hybrid-fusion';
import { ingestDocument } from '../../lib/kb/ingest';
import { DEFAULT_TITLE_BOOST, KbIndex } from '../../lib/kb/kb-index';
import { loadStaticEmbedder } from '../../lib/kb/node/artifacts';

const DATA = process.env.KB_RETRIEVAL_DATA ?? '/work/shared/data/runbook-retrieval';

interface Alert {
  alert: string;
  summary: string;
  description: string;
  runbook_path: string | null;
}

function listMarkdown(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listMarkdown(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

interface Scores {
  top1: number;
  top3: number;
  mrr: number;
  noRunbookNotConfident: number;
  withRunbookConfident: number;
  p50ms: number;
}

async function evaluate(weights: FusionWeights, titleBoost = DEFAULT_TITLE_BOOST): Promise<Scores> {
  const embedder = loadStaticEmbedder();
  const index = new KbIndex({ dim: embedder.dim, fusion: weights, titleBoost });
  const root = path.join(DATA, 'runbooks');
  for (const file of listMarkdown(root)) {
    const relative = path.relative(root, file);
    await ingestDocument(index, embedder, {
      id: relative,
      tier: 'user',
      source: relative,
      text: fs.readFileSync(file, 'utf8'),
      fallbackTitle: path.basename(file, '.md'),
    });
  }
  const alerts = JSON.parse(fs.readFileSync(path.join(DATA, 'alerts-dev.json'), 'utf8')) as Alert[];
  let top1 = 0;
  let top3 = 0;
  let rr = 0;
  let withRunbook = 0;
  let withConfident = 0;
  let without = 0;
  let withoutNotConfident = 0;
  const times: number[] = [];
  for (const alert of alerts) {
    const query = `${alert.summary}\n${alert.description}`;
    const started = performance.now();
    const [vector] = await embedder.embed([query]);
    const result = index.search(query, vector!, { k: 10 });
    times.push(performance.now() - started);
    if (alert.runbook_path) {
      withRunbook++;
      const expected = alert.runbook_path;
      const rank = result.hits.findIndex((h) => h.document.id === expected);
      if (rank === 0) top1++;
      if (rank >= 0 && rank < 3) top3++;
      if (rank >= 0) rr += 1 / (rank + 1);
      if (result.confident) withConfident++;
      if (process.env.KB_DEBUG && rank !== 0) console.log('MISS', alert.alert, rank, result.hits[0]?.document.id, result.confidence.toFixed(2));
    } else {
      without++;
      if (!result.confident) withoutNotConfident++;
      if (process.env.KB_DEBUG) console.log('NONE', alert.alert, result.hits[0]?.document.id, result.confidence.toFixed(2));
    }
  }
  times.sort((a, b) => a - b);
  return {
    top1: top1 / withRunbook,
    top3: top3 / withRunbook,
    mrr: rr / withRunbook,
    noRunbookNotConfident: withoutNotConfident / Math.max(1, without),
    withRunbookConfident: withConfident / withRunbook,
    p50ms: times[Math.floor(times.length / 2)] ?? 0,
  };
}

if (!fs.existsSync(path.join(DATA, 'alerts-dev.json'))) {
  console.error(`Retrieval data not found in ${DATA} (set KB_RETRIEVAL_DATA)`);
  process.exit(1);
}
const hybrid = await evaluate(DEFAULT_FUSION);
const keywordOnly = await evaluate({ keyword: 1, vector: 0 });
const plainBm25 = await evaluate({ keyword: 1, vector: 0 }, 0);
const vectorOnly = await evaluate({ keyword: 0, vector: 1 });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const row = (name: string, s: Scores) =>
  `| ${name} | ${s.top1.toFixed(3)} | ${s.top3.toFixed(3)} | ${s.mrr.toFixed(3)} | ${pct(s.noRunbookNotConfident)} | ${pct(s.withRunbookConfident)} | ${s.p50ms.toFixed(2)} |`;
console.log(`### Knowledge-base retrieval quality (runbook-retrieval, alerts-dev.json)

Command: \`npm run bench -- kb-retrieval\` (Node ${process.version}; default embedder: static GloVe 100-d, f32 index;
fusion keyword ${DEFAULT_FUSION.keyword} / vector ${DEFAULT_FUSION.vector}, title boost ${DEFAULT_TITLE_BOOST}).
${'`confident`'} calibrated on this same dev set (the only labelled set available), so expect it to be optimistic.

| ranking | top-1 | top-3 | MRR | no-runbook alerts reported not confident | runbook alerts reported confident | query p50 ms (embed + search) |
|---|---|---|---|---|---|---|
${row('hybrid (default)', hybrid)}
${row('keyword only (BM25 + title field)', keywordOnly)}
${row('plain BM25 (baseline: no title field, no vectors)', plainBm25)}
${row('vector only', vectorOnly)}

Targets (issue 7): top-1 ≥ 0.92, top-3 ≥ 0.98, ≥ 80% of no-runbook alerts not confident.`);
