import { describe, expect, it } from 'vitest';
import { prepareDocument } from './ingest';
import { KbIndex } from './kb-index';
import { hashPackInputs, loadGlobalPack, loadStaticEmbedder, readRunbookSources } from './node/artifacts';
import { decodePackDocuments, encodePack, loadPack } from './pack-format';

describe('shipped global pack (public/kb)', () => {
  const embedder = loadStaticEmbedder();
  const pack = loadGlobalPack();

  it('is up to date with the runbook sources (else run: npx tsx scripts/build-kb-pack.ts)', () => {
    expect(pack.sourceHash).toBe(hashPackInputs(readRunbookSources(), embedder.id));
    expect(pack.embedderId).toBe(embedder.id);
    expect(pack.documents.length).toBe(readRunbookSources().length);
  });

  it('matches what the current chunker and embedder produce (else rebuild with --force)', async () => {
    const shipped = decodePackDocuments(pack);
    const sources = readRunbookSources();
    for (const [i, { file, text }] of sources.entries()) {
      const stem = file.replace(/\.md$/, '');
      const fresh = await prepareDocument({ id: `global:${stem}`, tier: 'global', source: `pack/${file}`, text, fallbackTitle: stem }, embedder);
      expect(shipped[i]!.meta).toEqual(fresh.meta);
      expect(shipped[i]!.chunks).toEqual(fresh.chunks);
      fresh.vectors.forEach((v, c) => expect([...shipped[i]!.vectors[c]!]).toEqual([...v]));
    }
  });

  it('loads into an index and answers an incident question offline, confidently', () => {
    const index = new KbIndex({ dim: embedder.dim });
    expect(loadPack(index, pack, embedder.id)).toBe(pack.documents.length);
    const query = 'pod keeps restarting with CrashLoopBackOff after the deploy';
    const result = index.search(query, embedder.embedOne(query), { k: 3 });
    expect(result.hits[0]!.document.id).toBe('global:k8s-crashloopbackoff');
    expect(result.hits[0]!.document.tier).toBe('global');
    expect(result.confident).toBe(true);
  });

  it('answers a few more on-call questions with the right runbook', () => {
    const index = new KbIndex({ dim: embedder.dim });
    loadPack(index, pack, embedder.id);
    const cases: [string, string][] = [
      ['ALB returning 504 gateway timeout to clients', 'global:aws-alb-5xx'],
      ['FATAL: sorry, too many clients already from postgres', 'global:postgres-too-many-connections'],
      ['kafka consumer group lag keeps growing', 'global:kafka-consumer-lag'],
      ['terraform Error acquiring the state lock', 'global:terraform-state-lock'],
      ['java.lang.OutOfMemoryError: Java heap space in the order service', 'global:jvm-heap-outofmemory'],
    ];
    for (const [query, expected] of cases) {
      expect(index.search(query, embedder.embedOne(query), { k: 1 }).hits[0]!.document.id, query).toBe(expected);
    }
  });

  it('refuses a pack embedded by another model', () => {
    expect(() => loadPack(new KbIndex({ dim: embedder.dim }), pack, 'some-other-model')).toThrow('rebuild the pack');
  });
});

describe('pack encoding', () => {
  it('round-trips vectors exactly and detects a damaged vector block', () => {
    const doc = {
      meta: { id: 'd', tier: 'global' as const, title: 'D', source: 's', tags: [] },
      chunks: [0, 1].map((i) => ({ id: `d#${i}`, documentId: 'd', ordinal: i, headingPath: [], text: `t${i}` })),
      vectors: [Float32Array.from([0.5, -0.25, 1]), Float32Array.from([0, 0.125, -1])],
    };
    const pack = encodePack([doc], 'e', 3, 'h');
    const back = decodePackDocuments(JSON.parse(JSON.stringify(pack)));
    expect(back[0]!.vectors.map((v) => [...v])).toEqual(doc.vectors.map((v) => [...v]));
    pack.documents[0]!.vectors = pack.documents[0]!.vectors.slice(0, 8);
    expect(() => decodePackDocuments(pack)).toThrow('damaged vector block');
  });
});
