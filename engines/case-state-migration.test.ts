import { describe, expect, it } from 'vitest';
import { createCaseState, STATE_VERSION } from './case-state';
import { migrateCaseState } from './case-state-migration';

describe('migrateCaseState', () => {
  it('loads a current state unchanged after a JSON round trip', () => {
    const state = createCaseState({ caseId: 'c', severity: 'sev1', now: 42 });
    expect(migrateCaseState(JSON.parse(JSON.stringify(state)))).toEqual({ ok: true, state, migratedFrom: null });
  });

  it('refuses newer, unversioned and malformed states with a message that says why', () => {
    expect(migrateCaseState({ stateVersion: STATE_VERSION + 1 })).toEqual({ ok: false, error: `Case state version ${STATE_VERSION + 1} was written by a newer FaultMaven (this build reads up to ${STATE_VERSION})` });
    expect(migrateCaseState({ caseId: 'c' })).toEqual({ ok: false, error: 'Case state has no valid stateVersion (got undefined)' });
    expect(migrateCaseState('x')).toEqual({ ok: false, error: 'Case state is not an object' });
    const broken = { ...createCaseState({ caseId: 'c', severity: 'sev1', now: 0 }), urgency: 'apocalyptic' };
    expect(migrateCaseState(broken)).toMatchObject({ ok: false, error: expect.stringContaining('invalid at urgency') });
  });

  it('upgrades a version 1 state: the resolution write-up did not exist yet', () => {
    const { resolution, ...current } = createCaseState({ caseId: 'c', severity: 'sev1', now: 7 });
    expect(resolution).toBeNull();
    const v1 = { ...JSON.parse(JSON.stringify(current)), stateVersion: 1 };
    expect(migrateCaseState(v1)).toEqual({ ok: true, state: createCaseState({ caseId: 'c', severity: 'sev1', now: 7 }), migratedFrom: 1 });
  });

  it('does not modify its input', () => {
    const raw = JSON.parse(JSON.stringify(createCaseState({ caseId: 'c', severity: 'sev1', now: 0 })));
    const copy = structuredClone(raw);
    migrateCaseState(raw);
    expect(raw).toEqual(copy);
  });
});
