import { CaseStateSchema, createCaseState, type CaseState } from '../../engines/case-state';
import type { CaseRecord, EvidenceRecord, MessageRecord } from '../../lib/db/records';
import type { CaseBundle } from '../../lib/cases/case-bundle';

/**
 * A realistic resolved incident for the case exporters' tests: checkout-api 5xx after a deploy
 * shrank its database pool. Page text carries what real captures carry: an AWS key and a
 * password in a pasted config, plus markup a hostile page could inject.
 */
export const T0 = Date.UTC(2026, 10, 24, 14, 0, 0);
const min = (n: number) => T0 + n * 60_000;

export const SECRET_PASSWORD = 'Sup3rS3cretPool!';
export const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

export function incidentCase(caseId = 'case-checkout-1'): CaseBundle {
  const kase: CaseRecord = {
    id: caseId,
    title: 'checkout-api 5xx spike after 14:05 deploy',
    severity: 'sev1',
    status: 'resolved',
    phase: 'DOCUMENT',
    createdAt: min(7),
    updatedAt: min(52),
  };
  const evidence: EvidenceRecord[] = [
    {
      id: `${caseId}-ev-grafana`,
      caseId,
      kind: 'page',
      title: 'Checkout service overview',
      text: '## 5xx rate\n| time | 5xx/s |\n| 14:06 | 212 |\nAlert firing: CheckoutHigh5xx <script>alert(1)</script> [click](javascript:alert(1))',
      truncated: false,
      provenance: { url: 'https://grafana.example.com/d/checkout?from=now-1h', pageTitle: 'Checkout', extractor: 'grafana-dashboard', capturedAt: min(9), source: 'sidepanel' },
      structured: {
        title: 'Checkout service overview',
        pageKind: 'grafana-dashboard',
        product: 'grafana',
        url: 'https://grafana.example.com/d/checkout?from=now-1h',
        capturedAt: new Date(min(9)).toISOString(),
        timeRange: { from: new Date(min(-51)).toISOString(), to: new Date(min(9)).toISOString(), raw: 'Last 1 hour' },
        queries: ['sum(rate(http_requests_total{service="checkout-api",code=~"5.."}[1m]))'],
        entities: [
          { type: 'service', name: 'checkout-api' },
          { type: 'cluster', name: 'prod-eu-1' },
        ],
        keyValues: { '5xx/s': '212' },
        notices: [],
        status: 'Alerting',
        text: '## 5xx rate',
      },
      createdAt: min(9),
    },
    {
      id: `${caseId}-ev-config`,
      caseId,
      kind: 'file',
      title: 'checkout-api values.yaml',
      text: `db:\n  host: ledger-db.internal\n  pool_size: 5\n  password: ${SECRET_PASSWORD}\naws_access_key_id: ${AWS_KEY}\n`,
      truncated: false,
      provenance: { extractor: 'upload', capturedAt: min(21), source: 'upload', fileName: 'values.yaml', mimeType: 'text/yaml', byteSize: 120 },
      createdAt: min(21),
    },
  ];
  const messages: MessageRecord[] = [
    message(caseId, 'm1', 'user', 'checkout-api is throwing 5xx since the 14:05 deploy, see the dashboard', min(10)),
    message(caseId, 'm2', 'assistant', 'The 5xx rate jumped from 0 to **212/s** at 14:06, one minute after the deploy.', min(11)),
    message(caseId, 'm3', 'user', `Here is the config; the pool went from 50 to 5. The password ${SECRET_PASSWORD} did not change.`, min(22)),
    message(caseId, 'm4', 'assistant', 'Pool exhaustion explains the errors: run `kubectl rollout undo deployment/checkout-api -n shop`.\n\n```bash\nkubectl rollout undo deployment/checkout-api -n shop\n```', min(23)),
    message(caseId, 'm5', 'user', 'Rolled back, 5xx back to zero.', min(40)),
    message(caseId, 'm6', 'assistant', 'Confirmed: errors stopped after the rollback. I propose resolving the case.', min(41)),
  ];
  return { kase, messages, evidence, hypotheses: [], state: incidentState(caseId, evidence) };
}

function message(caseId: string, id: string, role: MessageRecord['role'], content: string, at: number): MessageRecord {
  return { id: `${caseId}-${id}`, caseId, role, content, status: 'complete', createdAt: at, updatedAt: at };
}

function incidentState(caseId: string, evidence: EvidenceRecord[]): CaseState {
  const state = createCaseState({ caseId, severity: 'sev1', now: min(7) });
  const [grafana, config] = evidence as [EvidenceRecord, EvidenceRecord];
  return CaseStateSchema.parse({
    ...state,
    turn: 3,
    status: 'resolved',
    problem: {
      proposed: 'checkout-api returns 5xx for 40% of requests since the 14:05 deploy',
      proposedTurn: 1,
      confirmed: 'checkout-api returns 5xx for 40% of requests since the 14:05 deploy',
      confirmedTurn: 1,
      investigationDecidedTurn: 1,
    },
    phase: { ...state.phase, current: 'DOCUMENT', enteredTurn: 3, completed: ['INTAKE', 'BLAST_RADIUS', 'TIMELINE', 'HYPOTHESIS', 'VALIDATION', 'SOLUTION', 'DOCUMENT'] },
    milestones: { symptom_verified: 1, scope_assessed: 1, changes_identified: 2, root_cause_identified: 2, solution_proposed: 2, solution_verified: 3 },
    hypotheses: [
      {
        id: 'H1',
        statement: 'The 14:05 deploy cut the DB pool from 50 to 5, exhausting connections',
        category: 'deployment',
        status: 'validated',
        prior: 0.4,
        likelihood: 0.9,
        trajectory: [{ turn: 2, likelihood: 0.9 }],
        links: [
          { evidenceId: grafana.id, stance: 'supports', confidence: 0.8, note: '5xx started one minute after the deploy', turn: 1 },
          { evidenceId: config.id, stance: 'supports', confidence: 0.9, note: 'pool_size: 5 in the new values', turn: 2 },
        ],
        iterationsWithoutProgress: 0,
        createdTurn: 1,
        statusChangedTurn: 2,
        statusReason: 'Config shows pool_size 5; rollback fixed it',
        supersededBy: null,
      },
      {
        id: 'H2',
        statement: 'ledger-db is out of CPU',
        category: 'database',
        status: 'refuted',
        prior: 0.3,
        likelihood: 0.05,
        trajectory: [],
        links: [],
        iterationsWithoutProgress: 0,
        createdTurn: 1,
        statusChangedTurn: 2,
        statusReason: 'DB CPU at 20% throughout',
        supersededBy: null,
      },
    ],
    nextHypothesisNumber: 3,
    evidence: [
      { id: grafana.id, label: 'E1', title: grafana.title, kind: 'page', addedTurn: 1, removed: false },
      { id: config.id, label: 'E2', title: config.title, kind: 'file', addedTurn: 2, removed: false },
    ],
    conclusion: {
      statement: 'The deploy shrank the DB connection pool; rolling back fixed the 5xx',
      confidence: 0.9,
      level: 'verified',
      hypothesisId: 'H1',
      caveats: [],
      alternatives: [],
      nextEvidenceNeeded: ['Why the pool_size change passed review'],
      canProposeSolution: true,
      momentum: 'high',
      abstained: false,
      turn: 3,
    },
    suggestedActions: [
      { id: 'A1', kind: 'run', label: 'Check pool settings of other services', payload: 'helm get values checkout-api -n shop | grep pool_size', destructive: false, intent: null, turn: 3 },
    ],
    nextActionNumber: 2,
    memory: {
      hot: [
        { turn: 1, phase: 'BLAST_RADIUS', userText: 'checkout-api is throwing 5xx', agentText: '5xx jumped', keyFacts: [], decisions: [], confidenceChanges: [], evidenceLabels: ['E1'] },
        { turn: 2, phase: 'VALIDATION', userText: 'config', agentText: 'pool', keyFacts: [], decisions: ['Roll back checkout-api to v2.3.0'], confidenceChanges: [], evidenceLabels: ['E2'] },
        { turn: 3, phase: 'DOCUMENT', userText: 'Rolled back', agentText: 'Confirmed', keyFacts: [], decisions: [], confidenceChanges: [], evidenceLabels: [] },
      ],
      warm: [],
      cold: [],
      persistent: [{ text: 'About 40% of checkout requests failed for 35 minutes', turn: 1 }],
    },
    lastAppliedMessageId: `${caseId}-m5`,
    createdAt: min(7),
    updatedAt: min(52),
  });
}
