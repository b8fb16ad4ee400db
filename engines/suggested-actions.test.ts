import { describe, expect, it } from 'vitest';
import { investigatingState } from '@/tests/fixtures/investigations/state-builders';
import { createCaseState } from './case-state';
import { buildSuggestedActions, cleanCommand, isDestructiveCommand, looksLikeCommand } from './suggested-actions';

describe('suggested actions', () => {
  it('recognises commands, cleans them and flags destructive ones', () => {
    expect(looksLikeCommand('$ kubectl get pods -n shop')).toBe(true);
    expect(looksLikeCommand('Check the dashboard')).toBe(false);
    expect(cleanCommand('```bash\n$ kubectl get pods\n```')).toBe('kubectl get pods');
    expect(isDestructiveCommand('kubectl rollout undo deployment/api')).toBe(true);
    expect(isDestructiveCommand('psql -c "DROP TABLE orders"')).toBe(true);
    expect(isDestructiveCommand('kubectl get pods')).toBe(false);
    expect(isDestructiveCommand('aws ec2 terminate-instances --instance-ids i-1')).toBe(true);
  });

  it('turns command-like decide payloads into run cards, drops duplicates and keeps at most four', () => {
    const { actions, nextActionNumber } = buildSuggestedActions(investigatingState(), [
      { kind: 'decide', label: 'Pods', payload: 'kubectl get pods' },
      { kind: 'run', label: 'Pods again', payload: '$ kubectl get pods' },
      { kind: 'evidence', label: 'Logs', payload: 'Upload the app logs' },
      { kind: 'run', label: 'Restart', payload: 'kubectl rollout restart deploy/api' },
      { kind: 'decide', label: 'Yes', payload: 'Yes' },
      { kind: 'decide', label: 'No', payload: 'No' },
    ]);
    expect(actions.map((a) => [a.id, a.kind, a.payload, a.destructive])).toEqual([
      ['A1', 'run', 'kubectl get pods', false],
      ['A2', 'evidence', 'Upload the app logs', false],
      ['A3', 'run', 'kubectl rollout restart deploy/api', true],
      ['A4', 'decide', 'Yes', false],
    ]);
    expect(nextActionNumber).toBe(5);
  });

  it('puts the lifecycle decision the engineer owes first, with its typed intent', () => {
    const state = createCaseState({ caseId: 'c', severity: 'sev3', now: 0 });
    state.problem.proposed = 'API slow';
    const { actions } = buildSuggestedActions(state, [{ kind: 'run', label: 'x', payload: 'curl -sI https://api' }]);
    expect(actions.map((a) => a.intent?.type ?? a.kind)).toEqual(['confirm-problem-statement', 'reject-problem-statement', 'run']);
  });
});
