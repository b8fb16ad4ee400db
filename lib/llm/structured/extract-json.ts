/**
 * The JSON a model meant to send, from text that may wrap it in a Markdown fence or a
 * sentence of prose ("Here is the JSON: …"). Returns the candidate text; parsing is the
 * caller's job so that it can report the exact error.
 */
export function extractJson(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(trimmed);
  if (fenced?.[1]?.trim()) return fenced[1].trim();
  const start = trimmed.search(/[{[]/);
  if (start === -1) return trimmed;
  const open = trimmed[start];
  const end = trimmed.lastIndexOf(open === '{' ? '}' : ']');
  return end > start ? trimmed.slice(start, end + 1) : trimmed.slice(start);
}
