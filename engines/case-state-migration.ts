import { CaseStateSchema, STATE_VERSION, type CaseState } from './case-state';

/**
 * Upgrades a persisted case state to the current `STATE_VERSION`. Each entry turns a state of
 * version N into version N + 1; add one whenever the shape changes, never edit a released one.
 */
export const STATE_MIGRATIONS: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>> = {
  // Version 2 keeps the confirmed resolution write-up. A case resolved under version 1 lost it
  // when the proposal was cleared, so there is nothing to recover: null.
  1: (old) => ({ ...old, resolution: null }),
};

export type MigrationResult = { ok: true; state: CaseState; migratedFrom: number | null } | { ok: false; error: string };

/** Pure: never throws, never mutates its input. A bad record gets a clear message and stays untouched in storage. */
export function migrateCaseState(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: 'Case state is not an object' };
  }
  const version = (raw as { stateVersion?: unknown }).stateVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: `Case state has no valid stateVersion (got ${JSON.stringify(version)})` };
  }
  if (version > STATE_VERSION) {
    return {
      ok: false,
      error: `Case state version ${version} was written by a newer FaultMaven (this build reads up to ${STATE_VERSION})`,
    };
  }
  let current = structuredClone(raw) as Record<string, unknown>;
  for (let v = version; v < STATE_VERSION; v++) {
    const step = STATE_MIGRATIONS[v];
    if (!step) return { ok: false, error: `No migration from case state version ${v} to ${v + 1}` };
    current = { ...step(current), stateVersion: v + 1 };
  }
  const parsed = CaseStateSchema.safeParse(current);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : '(root)';
    return { ok: false, error: `Case state is invalid at ${where}: ${first?.message ?? 'unknown problem'}` };
  }
  return { ok: true, state: parsed.data, migratedFrom: version === STATE_VERSION ? null : version };
}
