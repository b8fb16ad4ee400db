import { describe, expect, it } from 'vitest';
import type { Embedder } from './embedder';
import { ingestDocument } from './ingest';
import { chunkKeywordTerms, KbIndex, KEYWORD_TERMS_VERSION } from './kb-index';
import { splitWords } from './tokenize';
import { normalise } from './vector-math';

/**
 * A real (if tiny) embedder for tests: a hashed bag of words. Texts sharing words get similar
 * vectors, which is all the index needs to exercise the vector half honestly.
 */
class HashedBagEmbedder implements Embedder {
  readonly id = 'test-hashed-bag-64';
  readonly dim = 64;
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const v = new Float32Array(this.dim);
      for (const w of splitWords(text)) {
        let h = 2166136261;
        for (const c of w) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
        v[(h >>> 0) % this.dim]! += 1;
      }
      normalise(v);
      return v;
    });
  }
}

const embedder = new HashedBagEmbedder();

async function buildIndex(): Promise<KbIndex> {
  const index = new KbIndex({ dim: embedder.dim });
  const docs = [
    { id: 'pg', title: 'PostgreSQL replication lag', body: '## Symptoms\nReplica reads are stale; replay lag grows.\n## Fixes\nThrottle bulk writes.' },
    { id: 'redis', title: 'Redis memory evictions', body: '## Symptoms\nevicted_keys rising, maxmemory reached.\n## Fixes\nSet TTLs on cache keys.' },
    { id: 'disk', title: 'Linux disk full', body: '## Symptoms\nNo space left on device.\n## Fixes\nRotate logs and vacuum the journal.' },
  ];
  for (const d of docs) {
    await ingestDocument(index, embedder, { id: d.id, tier: 'global', source: `pack/${d.id}.md`, text: `# ${d.title}\nTags: ${d.id}\n${d.body}`, fallbackTitle: d.id });
  }
  await ingestDocument(index, embedder, {
    id: 'mine',
    tier: 'user',
    source: 'postmortem.md',
    text: '# Postmortem: replica lag during migration\nThe replica fell behind while an index was built.',
    fallbackTitle: 'postmortem.md',
  });
  return index;
}

async function search(index: KbIndex, query: string, options?: Parameters<KbIndex['search']>[2]) {
  const [vector] = await embedder.embed([query]);
  return index.search(query, vector!, options);
}

describe('KbIndex', () => {
  it('finds the right document, cites chunk and document, and is confident', async () => {
    const index = await buildIndex();
    const result = await search(index, 'redis maxmemory reached, keys evicted');
    expect(result.hits[0]!.document.id).toBe('redis');
    expect(result.hits[0]!.citation).toBe('Redis memory evictions › Symptoms');
    expect(result.hits[0]!.chunk.id).toBe('redis#0');
    expect(result.confident).toBe(true);
  });

  it('reports no confident match for a query the knowledge base does not cover', async () => {
    const index = await buildIndex();
    const result = await search(index, 'kafka consumer group rebalancing storm');
    expect(result.confident).toBe(false);
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('judges confidence against the tiers searched: words only the case evidence uses stay rare', async () => {
    const index = await buildIndex();
    const query = 'checkout of the journal fails: no space left on device';
    const before = await search(index, query, { filter: { tiers: ['global', 'user'] } });
    for (let i = 0; i < 30; i++) {
      await ingestDocument(index, embedder, {
        id: `case:ev:${i}`,
        tier: 'case',
        caseId: 'c1',
        source: `evidence ${i}`,
        text: `# Capture ${i}\ncheckout checkout pods restarting checkout error rate journal`,
        fallbackTitle: `capture ${i}`,
      });
    }
    const after = await search(index, query, { filter: { tiers: ['global', 'user'] } });
    expect(after.hits[0]!.document.tier).not.toBe('case');
    expect(after.confidence).toBeCloseTo(before.confidence, 5);
  });

  it('returns one hit per document by default and chunk-level hits on request', async () => {
    const index = await buildIndex();
    const perDoc = await search(index, 'replica lag fixes throttle', { k: 10 });
    const ids = perDoc.hits.map((h) => h.document.id);
    expect(new Set(ids).size).toBe(ids.length);
    const long = `# Long runbook\n## Symptoms\n${'replica lag grows while writes continue. '.repeat(40)}\n## Fixes\n${'throttle the replica lag source. '.repeat(40)}`;
    await ingestDocument(index, embedder, { id: 'long', tier: 'user', source: 'long.md', text: long, fallbackTitle: 'long.md' });
    const perChunk = await search(index, 'replica lag fixes throttle', { k: 10, perDocument: false });
    expect(perChunk.hits.filter((h) => h.document.id === 'long').length).toBeGreaterThan(1);
  });

  it('filters by tier, source and tags', async () => {
    const index = await buildIndex();
    const user = await search(index, 'replica lag', { filter: { tiers: ['user'] } });
    expect(user.hits.map((h) => h.document.id)).toEqual(['mine']);
    const bySource = await search(index, 'replica lag', { filter: { sources: ['pack/pg.md'] } });
    expect(bySource.hits.map((h) => h.document.id)).toEqual(['pg']);
    const byTag = await search(index, 'replica lag disk', { filter: { tags: ['disk'] } });
    expect(byTag.hits.map((h) => h.document.id)).toEqual(['disk']);
  });

  it('finds filtered matches even when more than 100 unfiltered chunks outscore them', () => {
    // The filter runs after BM25 accumulation (only for slots above the running top-k
    // threshold); this proves it still reaches past the unfiltered best candidates.
    const index = new KbIndex({ dim: 4 });
    const unit = new Float32Array([1, 0, 0, 0]);
    for (let i = 0; i < 300; i++) {
      const tier = i === 250 ? 'user' : 'global';
      const text = i === 250 ? 'replica lag once among many other words here' : 'replica lag replica lag';
      index.addDocument({ id: `d${i}`, tier, title: `Note ${i}`, source: 's', tags: [] }, [{ id: `d${i}#0`, documentId: `d${i}`, ordinal: 0, headingPath: [], text }], [unit]);
    }
    const hits = index.search('replica lag', null, { k: 3, filter: { tiers: ['user'] } }).hits;
    expect(hits.map((h) => h.document.id)).toEqual(['d250']);
    // Scratch scores are reset between queries: the same query scores the same twice.
    const first = index.search('replica lag', null, { k: 5 }).hits.map((h) => h.score);
    expect(index.search('replica lag', null, { k: 5 }).hits.map((h) => h.score)).toEqual(first);
  });

  it('removes and replaces documents, reusing slots without stale hits', async () => {
    const index = await buildIndex();
    const before = index.chunkCount;
    expect(index.removeDocument('redis')).toBe(true);
    expect(index.removeDocument('redis')).toBe(false);
    expect(index.chunkCount).toBeLessThan(before);
    const result = await search(index, 'redis maxmemory evicted keys');
    expect(result.hits.some((h) => h.document.id === 'redis')).toBe(false);
    // Re-ingesting the same id replaces rather than duplicates.
    await ingestDocument(index, embedder, { id: 'disk', tier: 'global', source: 'pack/disk.md', text: '# Disk full v2\nInodes exhausted.', fallbackTitle: 'disk' });
    expect(index.documents().filter((d) => d.id === 'disk')).toHaveLength(1);
    expect((await search(index, 'inodes exhausted')).hits[0]!.document.title).toBe('Disk full v2');
  });

  it('works keyword-only when no query vector is available', async () => {
    const index = await buildIndex();
    const result = index.search('rotate logs journal', null);
    expect(result.hits[0]!.document.id).toBe('disk');
    expect(result.hits[0]!.vectorScore).toBe(0);
  });

  it('rejects mismatched chunks and vectors with a clear message', () => {
    const index = new KbIndex({ dim: 4 });
    const meta = { id: 'x', tier: 'user' as const, title: 'x', source: 'x', tags: [] };
    const chunk = { id: 'x#0', documentId: 'x', ordinal: 0, headingPath: [], text: 'x' };
    expect(() => index.addDocument(meta, [chunk], [])).toThrow('1 chunks but 0 vectors');
    expect(() => index.addDocument(meta, [chunk], [new Float32Array(3)])).toThrow('expects 4');
    expect(index.documents()).toEqual([]);
  });

  it('refuses to ingest an empty document', async () => {
    const index = new KbIndex({ dim: embedder.dim });
    await expect(ingestDocument(index, embedder, { id: 'e', tier: 'user', source: 'e.md', text: '  \n', fallbackTitle: 'e.md' })).rejects.toThrow('"e.md" is empty');
    expect(index.chunkCount).toBe(0);
  });

  it('ranks the runbook whose title names the failing component above others sharing a word', async () => {
    // The templated sentence is verbatim in the scheduler runbook; only the title says "kubelet".
    const docs = [
      { id: 'scheduler', title: 'Kube Scheduler Down', body: '## Meaning\nKube Scheduler has disappeared from Prometheus target discovery.\n## Impact\nPods are not scheduled.' },
      { id: 'kubelet', title: 'Kubelet Down', body: '## Meaning\nThe monitoring system cannot reach the kubelets of the cluster.\n## Diagnosis\nkubectl get nodes; journalctl -u kubelet' },
      { id: 'pod-latency', title: 'Kubelet Pod Startup Latency High', body: '## Meaning\nPods take long to start on a node; kubelet is slow.' },
      { id: 'etcd', title: 'etcd Members Down', body: '## Meaning\netcd cluster members are down.' },
    ];
    const rank = async (options: Partial<ConstructorParameters<typeof KbIndex>[0]>) => {
      const index = new KbIndex({ dim: embedder.dim, ...options });
      for (const d of docs) await ingestDocument(index, embedder, { id: d.id, tier: 'user', source: `${d.id}.md`, text: `# ${d.title}\n${d.body}`, fallbackTitle: d.id });
      const result = await search(index, 'Target disappeared from Prometheus target discovery.\nKubelet has disappeared from Prometheus target discovery.');
      return result.hits.map((h) => h.document.id);
    };
    // Without title agreement and synonyms, the kubelet runbook comes last: its body shares only
    // "kubelet" with the alert. With them it is second, behind the verbatim sentence (in the
    // 117-runbook benchmark, where "down" and "kubelet" are rarer in titles, it ranks first).
    expect(await rank({ titleAgreement: 0, relatedTermWeight: 0 })).toEqual(['scheduler', 'pod-latency', 'etcd', 'kubelet']);
    expect(await rank({})).toEqual(['scheduler', 'kubelet', 'etcd', 'pod-latency']);
  });

  it('finds a runbook through an ops synonym the query does not use', async () => {
    const index = new KbIndex({ dim: embedder.dim });
    await ingestDocument(index, embedder, { id: 'gw', tier: 'user', source: 'gw.md', text: '# Bad gateway from the ingress\nUpstream pods closed the connection.', fallbackTitle: 'gw' });
    await ingestDocument(index, embedder, { id: 'other', tier: 'user', source: 'o.md', text: '# Ingress certificate renewal\nThe ingress serves an old certificate.', fallbackTitle: 'o' });
    const hits = (await search(index, 'ingress returns 502')).hits.map((h) => h.document.id);
    expect(hits[0]).toBe('gw');
    // Keyword-only without synonyms: "ingress" matches both documents equally, "502" neither.
    const without = new KbIndex({ dim: embedder.dim, relatedTermWeight: 0, titleAgreement: 0 });
    const withSynonyms = new KbIndex({ dim: embedder.dim, titleAgreement: 0 });
    for (const target of [without, withSynonyms]) {
      await ingestDocument(target, embedder, { id: 'gw', tier: 'user', source: 'gw.md', text: '# Bad gateway from the ingress\nUpstream pods closed the connection.', fallbackTitle: 'gw' });
      await ingestDocument(target, embedder, { id: 'other', tier: 'user', source: 'o.md', text: '# Ingress certificate renewal\nThe ingress serves an old certificate and the ingress logs say so.', fallbackTitle: 'o' });
    }
    expect(without.search('ingress returns 502', null).hits[0]!.document.id).toBe('other');
    expect(withSynonyms.search('ingress returns 502', null).hits[0]!.document.id).toBe('gw');
  });

  it('pins the persisted keyword terms to KEYWORD_TERMS_VERSION', () => {
    // Stored chunks keep these terms; if tokenising changes, old rows must be re-tokenised on load.
    // When this fails after a tokenizer change, bump KEYWORD_TERMS_VERSION and update the pin.
    const meta = { id: 'd', tier: 'user' as const, title: 'KubePodCrashLooping: Pods restarting', source: 's', tags: ['k8s', 'HTTPCode_ELB_5XX'] };
    const chunk = { id: 'd#0', documentId: 'd', ordinal: 0, headingPath: ['Fixes', 'Reconciling max_connections'], text: 'The replicas restarted with exit code 137 via {{ $labels.instance }}; queries were throttled.' };
    expect({ version: KEYWORD_TERMS_VERSION, terms: chunkKeywordTerms(meta, chunk) }).toEqual({
      version: 1,
      terms: ['kube', 'pod', 'crash', 'loop', 'pods', 'restart', 'k8s', 'http', 'code', 'elb', '5xx', 'fixe', 'reconcil', 'max', 'connection', 'replica', 'restart', 'exit', 'code', '137', 'query', 'throttl'],
    });
  });
});
