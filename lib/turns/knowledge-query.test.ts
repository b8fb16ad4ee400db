import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOURNEY_LOG_FILE } from '@/tests/journey/journey-script';
import { KbIndex } from '@/lib/kb/kb-index';
import { loadGlobalPack, loadStaticEmbedder } from '@/lib/kb/node/artifacts';
import { loadPack } from '@/lib/kb/pack-format';
import { siteFixtureHtml } from '@/tests/support/site-fixtures';
import { errorSignature, evidenceErrorSignatures, knowledgeQuery, searchEachLine } from './knowledge-query';

describe('knowledge query', () => {
  it('reduces an error line to its wording', () => {
    expect(errorSignature('2026-11-24T13:58:02.123Z ERROR [checkout-7d9f8b6c5-x2lkp] java.lang.OutOfMemoryError: Java heap space at PriceCache.java:88')).toBe(
      'ERROR java.lang.OutOfMemoryError: Java heap space at PriceCache.java:',
    );
  });

  it('collects distinct error signatures from the evidence, most recent evidence first', () => {
    const log = fs.readFileSync(JOURNEY_LOG_FILE, 'utf8');
    const signatures = evidenceErrorSignatures(['checkout-7d9f8b6c5-x2lkp 14 OOMKilled after deploy', 'Error rate', log]);
    expect(signatures[0]).toBe('OOMKilled after deploy');
    expect(signatures).not.toContain('Error rate'); // too short to pick a runbook by
    expect(signatures.some((s) => s.includes('OutOfMemoryError: Java heap space'))).toBe(true);
    expect(new Set(signatures).size).toBe(signatures.length);
    expect(signatures.length).toBeLessThanOrEqual(6);
  });

  it('puts the question first and adds the problem, title and signatures once each', () => {
    const query = knowledgeQuery({
      title: 'Checkout errors',
      problem: 'Checkout errors',
      question: 'what now?',
      evidenceTexts: ['INFO all good\nWARN Container restarted: reason=OOMKilled exitCode=137'],
    });
    expect(query.split('\n')).toEqual(['what now?', 'Checkout errors', 'WARN Container restarted: reason OOMKilled exitCode']);
  });

  it('finds the runbooks for the journey case where the bare question finds nothing confident', async () => {
    const embedder = loadStaticEmbedder();
    const index = new KbIndex({ dim: embedder.dim });
    loadPack(index, loadGlobalPack(), embedder.id);
    const search = async (q: string) => index.search(q, embedder.embedOne(q), { k: 4, filter: { tiers: ['global', 'user'] } });
    const question = 'What is happening with checkout?';
    expect((await searchEachLine(search, question)).confident).toBe(false);
    const page = siteFixtureHtml('grafana-dashboard', 'checkout-overview').replace(/<[^>]+>/g, '\n');
    const query = knowledgeQuery({
      title: 'Checkout error rate spike, pods restarting',
      problem: null,
      question,
      evidenceTexts: [fs.readFileSync(JOURNEY_LOG_FILE, 'utf8'), page],
    });
    const result = await searchEachLine(search, query);
    expect(result.confident).toBe(true);
    const titles = result.hits.map((h) => h.document.title);
    expect(titles, titles.join(' | ')).toContain('Kubernetes container OOMKilled');
    expect(titles, titles.join(' | ')).toContain('JVM java.lang.OutOfMemoryError: Java heap space');
    expect(new Set(result.hits.map((h) => h.document.id)).size).toBe(result.hits.length);
  });
});
