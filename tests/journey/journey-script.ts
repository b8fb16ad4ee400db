import path from 'node:path';
import type { ScenarioInput } from '../llm-server/scenario-schema';

/**
 * The incident journey (issue 9), written once and played three ways: replayed through the
 * turn loop in Node (journey-script.test.ts), and driven through the real side panel in
 * Chromium (tests/e2e/journey.spec.ts) and Firefox (tests/e2e-firefox/journey.test.ts).
 *
 * The story: checkout-api v4.2.0 shipped an unbounded in-memory price cache; pods hit their
 * heap limit, get OOMKilled and checkout fails for about 12% of requests. The Grafana fixture
 * dashboard (tests/fixtures/sites/grafana-dashboard/checkout-overview.html) shows the error
 * rate and the OOMKilled restarts; the uploaded log shows the deploy and the heap errors.
 *
 * Each step is one engineer action (typing a message, or clicking a suggested action the
 * engines offered) and the structured reply the scripted model sends back for it. The
 * expected phase is what the engines must make of it: the model never sets the phase.
 */

export const JOURNEY_CASE_TITLE = 'Checkout error rate spike, pods restarting';
export const JOURNEY_SCENARIO = 'journey';
export const JOURNEY_LOG_FILE = path.resolve(import.meta.dirname, '../fixtures/journey/checkout-api.log');
/** In the log as a database URL password: it must be masked before anything reaches the model. */
export const JOURNEY_LOG_SECRET = 'S3cr3t-Pa55w0rd-9f2';
/** The question that starts the investigation once the page is captured and the log uploaded. */
export const JOURNEY_QUESTION = 'What is happening with checkout?';

export type JourneyAction = { type: 'ask'; text: string } | { type: 'click'; label: string };

export interface JourneyStep {
  /** What the engineer does. */
  action: JourneyAction;
  /** For the Node replay: the text and intent the side panel sends for this action. */
  sends: { text: string; intent?: { type: string } };
  /** The structured turn the scripted model returns. */
  output: Record<string, unknown>;
  expect: {
    phase: 'INTAKE' | 'BLAST_RADIUS' | 'TIMELINE' | 'HYPOTHESIS' | 'VALIDATION' | 'SOLUTION' | 'DOCUMENT';
    status: 'inquiry' | 'investigating' | 'resolved';
    /** Text the streamed answer must contain. */
    answerIncludes: string;
    hypotheses?: Record<string, string>;
  };
}

const ROOT_CAUSE = 'checkout-api v4.2.0 added a PriceCache with no size limit; it fills the 1.5 GB heap and the pods are OOMKilled';
const ROLLBACK = 'kubectl rollout undo deployment/checkout-api -n prod';

export const JOURNEY_STEPS: JourneyStep[] = [
  {
    action: { type: 'ask', text: JOURNEY_QUESTION },
    sends: { text: JOURNEY_QUESTION },
    output: {
      answer:
        'Checkout is failing for **12.4%** of requests and two of its pods have restarted 14 and 11 times with `OOMKilled` [E1]. ' +
        'The uploaded log shows why they die: `java.lang.OutOfMemoryError: Java heap space` in `PriceCache.put`, starting around 13:58, ' +
        'six minutes after **v4.2.0** started with `PriceCache enabled: maxEntries=unbounded` [E2].\n\n' +
        'Let me check I have the problem right:\n\n> checkout-api pods are OOMKilled and about 12% of checkout requests fail since 13:58 UTC.\n\nIs that accurate?',
      problem: {
        proposedStatement: 'checkout-api pods are OOMKilled and about 12% of checkout requests fail since 13:58 UTC',
        userConfirmedStatement: false,
        userDecidedToInvestigate: false,
        urgency: null,
      },
      keyFacts: [
        { fact: 'checkout error rate 12.4%; pods restarted 14 and 11 times, reason OOMKilled', pin: true },
        { fact: 'OutOfMemoryError in PriceCache.put from 13:58 UTC; v4.2.0 started 13:52 UTC with an unbounded PriceCache', pin: true },
      ],
      hypothesesToAdd: [
        { statement: 'checkout-api v4.2.0 leaks memory through its unbounded PriceCache', category: 'code', likelihood: 0.5 },
        { statement: 'The pod memory limit is too small for current traffic', category: 'capacity', likelihood: 0.3 },
      ],
      suggestedActions: [{ kind: 'run', label: 'Pod restarts', payload: 'kubectl get pods -n prod -l app=checkout' }],
    },
    expect: { phase: 'INTAKE', status: 'inquiry', answerIncludes: 'OOMKilled', hypotheses: { H1: 'captured', H2: 'captured' } },
  },
  {
    action: { type: 'click', label: 'Yes, that is the problem' },
    sends: { text: 'Yes, that problem statement is right.', intent: { type: 'confirm-problem-statement' } },
    output: {
      answer: 'Thanks. Shall I run a structured investigation? I will check the scope and the timeline, then test both hypotheses.',
      problem: { proposedStatement: null, userConfirmedStatement: true, userDecidedToInvestigate: false, urgency: null },
    },
    expect: { phase: 'INTAKE', status: 'inquiry', answerIncludes: 'structured investigation' },
  },
  {
    action: { type: 'click', label: 'Start the investigation' },
    sends: { text: 'Yes, start a structured investigation.', intent: { type: 'decide-to-investigate' } },
    output: {
      answer:
        'Scope: only checkout is affected. payments-gw p99 is 410 ms, within its normal range, and traffic is 1.42K req/s [E1], ' +
        'so this is checkout itself, not a dependency or a traffic surge.',
      milestones: ['symptom_verified', 'scope_assessed'],
      keyFacts: [{ fact: 'Only checkout is affected; payments-gw healthy; traffic 1.42K req/s', pin: true }],
    },
    expect: { phase: 'TIMELINE', status: 'investigating', answerIncludes: 'only checkout is affected', hypotheses: { H1: 'active', H2: 'active' } },
  },
  {
    action: { type: 'ask', text: 'v4.2.0 was deployed at 13:52 UTC. Nothing else changed today.' },
    sends: { text: 'v4.2.0 was deployed at 13:52 UTC. Nothing else changed today.' },
    output: {
      answer:
        'Timeline: v4.2.0 at 13:52, first `OutOfMemoryError` at 13:58, restarts from then on [E2]. ' +
        'The only change is the release, and its log line says the new cache has no size limit.',
      milestones: ['timeline_established', 'changes_identified'],
      keyFacts: [{ fact: 'v4.2.0 deployed 13:52 UTC; first OOM 13:58 UTC; no other change', pin: true }],
      evidenceLinks: [{ hypothesisId: 'H1', evidenceLabel: 'E2', stance: 'supports', confidence: 1, note: 'OOM in PriceCache.put after v4.2.0' }],
    },
    expect: { phase: 'VALIDATION', status: 'investigating', answerIncludes: 'Timeline' },
  },
  {
    action: { type: 'ask', text: 'Does the traffic explain it?' },
    sends: { text: 'Does the traffic explain it?' },
    output: {
      answer:
        'No. Traffic is 1.42K req/s [E1], which the same pods served yesterday, and the restarts follow the cache growth, not the load. ' +
        `The evidence points one way: ${ROOT_CAUSE}.`,
      evidenceLinks: [
        { hypothesisId: 'H1', evidenceLabel: 'E1', stance: 'supports', confidence: 0.9, note: 'OOMKilled restarts after the release' },
        { hypothesisId: 'H2', evidenceLabel: 'E1', stance: 'refutes', confidence: 0.9, note: 'traffic normal' },
      ],
      hypothesisUpdates: [{ hypothesisId: 'H2', action: 'refute', reason: 'Traffic is normal at 1.42K req/s', supersededBy: null }],
      conclusion: { statement: ROOT_CAUSE, caveats: [], nextEvidenceNeeded: [] },
    },
    expect: { phase: 'SOLUTION', status: 'investigating', answerIncludes: 'PriceCache', hypotheses: { H1: 'validated', H2: 'refuted' } },
  },
  {
    action: { type: 'ask', text: 'What is the fix?' },
    sends: { text: 'What is the fix?' },
    output: {
      answer:
        'Roll back to v4.1.3, which has no PriceCache. Pods restart one at a time, so expect a short capacity dip.\n\n' +
        `\`\`\`\n${ROLLBACK}\n\`\`\`\n\nThen bound the cache (maxEntries and a TTL) before shipping it again.`,
      milestones: ['solution_proposed'],
      suggestedActions: [
        { kind: 'run', label: 'Roll back', payload: ROLLBACK },
        { kind: 'run', label: 'Watch the rollout', payload: 'kubectl rollout status deployment/checkout-api -n prod' },
      ],
    },
    expect: { phase: 'SOLUTION', status: 'investigating', answerIncludes: 'Roll back to v4.1.3' },
  },
  {
    action: { type: 'ask', text: 'Rolled back to v4.1.3. Error rate is 0.1% and no restarts for 15 minutes.' },
    sends: { text: 'Rolled back to v4.1.3. Error rate is 0.1% and no restarts for 15 minutes.' },
    output: {
      answer: 'The rollback worked: errors are back to normal and the pods are stable. I will write up the incident.',
      milestones: ['solution_verified'],
      keyFacts: [{ fact: 'After rollback to v4.1.3: error rate 0.1%, no restarts for 15 minutes', pin: true }],
    },
    expect: { phase: 'DOCUMENT', status: 'investigating', answerIncludes: 'rollback worked' },
  },
  {
    action: { type: 'ask', text: 'Great, write it up.' },
    sends: { text: 'Great, write it up.' },
    output: {
      answer: 'The summary is below. Shall I mark the case resolved?',
      proposedTransition: {
        toStatus: 'resolved',
        reason: 'Rollback verified and the root cause validated',
        summary:
          'Impact: about 12% of checkout requests failed from 13:58 to 14:35 UTC. Root cause: v4.2.0 added an unbounded PriceCache that filled the heap, ' +
          'so pods were OOMKilled. Fix: rollback to v4.1.3. Follow-up: bound the cache and add a heap alert.',
        evidenceLabels: ['E1', 'E2'],
      },
    },
    expect: { phase: 'DOCUMENT', status: 'investigating', answerIncludes: 'mark the case resolved' },
  },
  {
    action: { type: 'click', label: 'Yes, mark it resolved' },
    sends: { text: 'Yes, mark the case resolved.', intent: { type: 'confirm-transition' } },
    output: { answer: 'Marked resolved. The postmortem is ready to export.' },
    expect: { phase: 'DOCUMENT', status: 'resolved', answerIncludes: 'Marked resolved' },
  },
];

/** The scripted model's side of the journey: one structured reply per step, streamed in small chunks. */
export function journeyScenario(): ScenarioInput {
  return {
    description: 'The incident journey: checkout OOMKilled after v4.2.0',
    replies: JOURNEY_STEPS.map((step) => ({ json: step.output as never, chunkChars: 48 })),
  };
}
