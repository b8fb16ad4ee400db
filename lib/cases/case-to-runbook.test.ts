import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultMavenDB } from '@/lib/db/schema';
import { KnowledgeBaseService } from '@/lib/kb/knowledge-base-service';
import { GLOBAL_PACK_FILE, WORD_VECTORS_FILE } from '@/lib/kb/node/artifacts';
import type { KbPack } from '@/lib/kb/pack-format';
import { createTestDb } from '@/tests/support/test-db';
import { AWS_KEY, SECRET_PASSWORD, incidentCase } from '@/tests/support/incident-case';
import { caseToRunbook, ingestCaseRunbook } from './case-to-runbook';

let db: FaultMavenDB | undefined;
afterEach(async () => {
  db?.close();
  await db?.delete();
  db = undefined;
});

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('caseToRunbook', () => {
  const runbook = caseToRunbook(incidentCase());

  it('follows the pack format: title, tags, then the five sections in order', () => {
    const lines = runbook.markdown.split('\n');
    expect(lines[0]).toBe('# checkout-api returns 5xx for 40% of requests since the 14:05 deploy');
    expect(lines[2]).toBe('Tags: incident, sev1, checkout-api, prod-eu-1, grafana, deployment');
    expect([...runbook.markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Symptoms', 'Likely causes', 'Checks', 'Fixes', 'Escalation']);
    expect(runbook.fileName).toBe('checkout-api-5xx-spike-after-14-05-deploy-runbook.md');
  });

  it('lists symptoms from the pages, the confirmed cause first and what was ruled out', () => {
    expect(section(runbook.markdown, 'Symptoms')).toContain('- grafana-dashboard shows Alerting: Checkout service overview');
    expect(section(runbook.markdown, 'Symptoms')).toContain('- 5xx/s: 212 (Checkout service overview)');
    const causes = section(runbook.markdown, 'Likely causes').split('\n').filter((l) => l.startsWith('- '));
    expect(causes[0]).toBe('- The 14:05 deploy cut the DB pool from 50 to 5, exhausting connections (confirmed in this incident; deployment)');
    expect(causes[1]).toBe('- Ruled out here: ledger-db is out of CPU — DB CPU at 20% throughout');
  });

  it('puts read-only commands under Checks and changing ones under Fixes', () => {
    const checks = section(runbook.markdown, 'Checks');
    expect(checks).toContain('grafana-dashboard query: `sum(rate(http_requests_total{service="checkout-api",code=~"5.."}[1m]))`');
    expect(checks).toContain('```bash\nhelm get values checkout-api -n shop | grep pool_size\n```');
    expect(checks).not.toContain('rollout undo');
    const fixes = section(runbook.markdown, 'Fixes');
    expect(fixes).toContain('- Roll back checkout-api to v2.3.0');
    expect(fixes).toContain('```bash\nkubectl rollout undo deployment/checkout-api -n shop\n```');
    expect(fixes).toContain('verified in this incident');
    expect(section(runbook.markdown, 'Escalation')).toContain('Owners of `checkout-api`');
  });

  it('never carries the case secrets', () => {
    expect(runbook.markdown).not.toContain(SECRET_PASSWORD);
    expect(runbook.markdown).not.toContain(AWS_KEY);
  });

  it('refuses an open case', () => {
    const bundle = incidentCase();
    expect(() => caseToRunbook({ ...bundle, kase: { ...bundle.kase, status: 'open' } })).toThrow(/Only a resolved or closed case/);
  });
});

describe('ingestCaseRunbook', () => {
  it('indexes the runbook as a user document that search finds, once', async () => {
    db = createTestDb();
    const bundle = incidentCase();
    await db.cases.add({ ...bundle.kase, investigation: bundle.state });
    await db.messages.bulkAdd(bundle.messages);
    await db.evidence.bulkAdd(bundle.evidence);
    const kb = new KnowledgeBaseService(db, {
      wordVectors: async () => fs.readFileSync(WORD_VECTORS_FILE),
      globalPack: async () => JSON.parse(fs.readFileSync(GLOBAL_PACK_FILE, 'utf8')) as KbPack,
    });
    const added = await ingestCaseRunbook(db, kb, bundle.kase.id);
    expect(added.title).toBe('checkout-api returns 5xx for 40% of requests since the 14:05 deploy');
    expect(added.duplicate).toBe(false);
    const docs = await kb.listDocuments({ tier: 'user' });
    expect(docs.map((d) => d.id)).toEqual([added.documentId]);
    expect(docs[0]?.tags).toContain('checkout-api');

    const found = await kb.search('checkout-api db pool exhausted after deploy 5xx', { k: 3, filter: { tiers: ['user'] } });
    expect(found.hits[0]?.document.id).toBe(added.documentId);
    expect((await ingestCaseRunbook(db, kb, bundle.kase.id)).duplicate).toBe(true);
  });
});
