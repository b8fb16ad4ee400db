import { describe, expect, it } from 'vitest';
import { createCaseState } from '@/engines/case-state';
import { AWS_KEY, SECRET_PASSWORD, incidentCase } from '@/tests/support/incident-case';
import { caseSlug, postmortemMarkdown } from './postmortem-markdown';

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe('postmortemMarkdown', () => {
  const markdown = postmortemMarkdown(incidentCase());

  it('has the postmortem sections in order', () => {
    const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Summary', 'Impact', 'Timeline', 'Root cause', 'Hypotheses considered', 'Resolution', 'Evidence', 'Actions']);
    expect(markdown.startsWith('# Postmortem: checkout-api 5xx spike after 14:05 deploy\n')).toBe(true);
  });

  it('summarises the confirmed problem, the outcome and the conclusion', () => {
    const summary = section(markdown, 'Summary');
    expect(summary).toContain('checkout-api returns 5xx for 40% of requests since the 14:05 deploy');
    expect(summary).toContain('Status: resolved after 45 min.');
    expect(summary).toContain('Conclusion (verified, 90%): The deploy shrank the DB connection pool');
  });

  it('states impact from the evidence entities, page time ranges and pinned facts', () => {
    const impact = section(markdown, 'Impact');
    expect(impact).toContain('Severity: SEV1 · critical (urgency critical)');
    expect(impact).toContain('Services: `checkout-api`');
    expect(impact).toContain('Clusters: `prod-eu-1`');
    expect(impact).toContain('Observed window (from the captured pages): 2026-11-24 13:09:00 UTC → 2026-11-24 14:09:00 UTC');
    expect(impact).toContain('About 40% of checkout requests failed for 35 minutes');
  });

  it('builds a time-ordered timeline from page ranges, messages, evidence, milestones and phases', () => {
    const timeline = section(markdown, 'Timeline');
    const lines = timeline.split('\n').filter((l) => l.startsWith('- '));
    const times = lines.map((l) => l.slice(2, 25));
    expect([...times].sort()).toEqual(times);
    expect(lines[0]).toBe('- 2026-11-24 13:09:00 UTC — Start of the window shown in E1 (Last 1 hour, until 2026-11-24 14:09:00 UTC)');
    expect(timeline).toContain('2026-11-24 14:07:00 UTC — Case opened (SEV1 · critical): checkout-api 5xx spike after 14:05 deploy');
    expect(timeline).toContain('2026-11-24 14:09:00 UTC — Evidence E1 captured: Checkout service overview — grafana-dashboard (grafana)');
    expect(timeline).toContain('2026-11-24 14:10:00 UTC — Engineer: checkout-api is throwing 5xx since the 14:05 deploy');
    expect(timeline).toContain('2026-11-24 14:10:00 UTC — Milestone: Scope assessed');
    expect(timeline).toContain('2026-11-24 14:22:00 UTC — Hypothesis H1 validated: Config shows pool\\_size 5; rollback fixed it');
    expect(timeline).toContain('2026-11-24 14:40:00 UTC — Milestone: Solution verified');
    expect(timeline).toContain('2026-11-24 14:40:00 UTC — Phase: Document');
    expect(timeline).toContain('2026-11-24 14:52:00 UTC — Case resolved');
  });

  it('names the validated root cause with the evidence that supports it, and every hypothesis with its final state', () => {
    const root = section(markdown, 'Root cause');
    expect(root).toContain('The 14:05 deploy cut the DB pool from 50 to 5, exhausting connections (validated, likelihood 90%, deployment)');
    expect(root).toContain('- E2: pool\\_size: 5 in the new values');
    const hypotheses = section(markdown, 'Hypotheses considered');
    expect(hypotheses).toContain('- **H1** · validated · 90% (prior 40%) · deployment:');
    expect(hypotheses).toContain('- **H2** · refuted · 5% (prior 30%) · database: ledger-db is out of CPU — DB CPU at 20% throughout');
  });

  it('describes the fix and quotes the last answer as plain text', () => {
    const resolution = section(markdown, 'Resolution');
    expect(resolution).toContain('A fix was applied and verified (2026-11-24 14:40:00 UTC).');
    expect(resolution).toContain('- Roll back checkout-api to v2.3.0');
    // Suggestions are cleared once a case is resolved; the commands are kept from the answers.
    expect(resolution).toContain('```bash\nhelm get values checkout-api -n shop | grep pool_size\nkubectl rollout undo deployment/checkout-api -n shop\n```');
    expect(resolution).toContain('```text\nConfirmed: errors stopped after the rollback. I propose resolving the case.\n```');
  });

  it('lists follow-ups: commands as code, evidence still needed', () => {
    const actions = section(markdown, 'Actions');
    expect(actions).toContain('- [ ] Check pool settings of other services: `helm get values checkout-api -n shop | grep pool_size`');
    expect(actions).toContain('- [ ] Get: Why the pool\\_size change passed review');
  });

  it('masks secrets everywhere, the same placeholder for the same value', () => {
    expect(markdown).not.toContain(SECRET_PASSWORD);
    expect(markdown).not.toContain(AWS_KEY);
    const placeholders = [...markdown.matchAll(/\[REDACTED:([a-z-]+):[a-z]{8,12}\]/g)].map((m) => m[0]);
    expect(placeholders.length).toBeGreaterThanOrEqual(2);
    // The password appears in the config and, without any "password=" context, in a chat message.
    const timeline = section(markdown, 'Timeline');
    const pw = /The password (\[REDACTED:[a-z-]+:[a-z]+\]) did not change/.exec(timeline);
    expect(pw).not.toBeNull();
    expect(section(markdown, 'Evidence')).toContain(pw![1]);
  });

  it('renders hostile page text inert: no raw HTML, no links', () => {
    expect(markdown).not.toMatch(/<script>/);
    expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(section(markdown, 'Evidence')).toContain('\\<script\\>alert(1)\\</script\\> \\[click\\](javascript:alert(1))');
  });

  it('writes an honest postmortem for an open case with no engine state', () => {
    const bundle = incidentCase('case-open');
    const open = postmortemMarkdown({
      ...bundle,
      kase: { ...bundle.kase, status: 'open', phase: 'INTAKE', title: '# Heading? <b>bold</b>' },
      messages: [],
      evidence: [],
      state: null,
    });
    expect(open).toContain('# Postmortem: # Heading? \\<b\\>bold\\</b\\>');
    expect(section(open, 'Summary')).toContain('\\# Heading?');
    expect(section(open, 'Summary')).toContain('Status: open, in the Intake phase.');
    expect(section(open, 'Root cause')).toContain('Not established.');
    expect(section(open, 'Hypotheses considered')).toContain('None were recorded.');
    expect(section(open, 'Resolution')).toContain('No fix yet: the case is still open.');
    expect(section(open, 'Evidence')).toContain('No evidence was captured.');
    expect(section(open, 'Actions')).toContain('No follow-ups recorded.');
    expect(section(open, 'Impact')).toContain('Scope not established');
  });

  it('reports an abstention instead of a root cause', () => {
    const bundle = incidentCase('case-abstained');
    const state = createCaseState({ caseId: 'case-abstained', severity: 'sev2', now: bundle.kase.createdAt });
    state.abstention = { reason: 'No logs from the payment gateway', missingEvidence: ['Gateway logs for 14:00–14:30'], turn: 0 };
    const out = postmortemMarkdown({ ...bundle, state });
    expect(section(out, 'Root cause')).toContain('Not established: No logs from the payment gateway');
    expect(section(out, 'Actions')).toContain('- [ ] Get: Gateway logs for 14:00–14:30');
  });
});

describe('caseSlug', () => {
  it('makes a file-name friendly slug', () => {
    expect(caseSlug('checkout-api 5xx spike after 14:05 deploy')).toBe('checkout-api-5xx-spike-after-14-05-deploy');
    expect(caseSlug('Ünïcödé / ../etc/passwd')).toBe('unicode-etc-passwd');
    expect(caseSlug('!!!')).toBe('case');
  });
});
