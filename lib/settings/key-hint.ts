/** What the UI may know about a stored key: a short hint, never the key. */
export function keyHint(apiKey: string): string {
  if (!apiKey) return '';
  if (apiKey.length <= 8) return '•'.repeat(apiKey.length);
  return `${apiKey.slice(0, 3)}…${apiKey.slice(-4)}`;
}
