/** Incident severities, most urgent first. SEV1 means customer-facing outage. */
export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  sev1: 'SEV1 · critical',
  sev2: 'SEV2 · major',
  sev3: 'SEV3 · minor',
  sev4: 'SEV4 · low',
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * Urgency as the investigation engines use it (the original's `urgency` low/medium/high/critical).
 * Phase skipping to SOLUTION is allowed only at high or critical (research/faultmaven.md §2a).
 */
export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const SEVERITY_URGENCY: Record<Severity, Urgency> = {
  sev1: 'critical',
  sev2: 'high',
  sev3: 'medium',
  sev4: 'low',
};

export function isUrgent(urgency: Urgency): boolean {
  return urgency === 'high' || urgency === 'critical';
}
