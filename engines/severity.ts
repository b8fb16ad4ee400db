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
