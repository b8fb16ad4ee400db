import { HeaderParser } from './header';

/**
 * Whether text is a log (most lines carry a timestamp or a level), judged on its first
 * `sampleLines` non-blank lines. Pages, configs and prose are not condensed as logs.
 */
export function looksLikeLog(text: string, sampleLines = 200): boolean {
  const header = new HeaderParser();
  let lines = 0;
  let headed = 0;
  let start = 0;
  while (start < text.length && lines < sampleLines) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 2000));
    start = end + 1;
    if (!line.trim()) continue;
    lines++;
    const parsed = header.parse(line);
    if (parsed.timestamp || parsed.level) headed++;
  }
  return lines >= 5 && headed / lines >= 0.5;
}
