/**
 * The one tokeniser shared by documents and queries, by BM25 and by the static embedder, so
 * both sides of a search always see the same words.
 *
 * Identifiers are split the way on-call engineers write them: `KubePodCrashLooping` →
 * kube pod crash looping, `max_connections` → max connections, `HTTPCode_ELB_5XX` → http code
 * elb 5xx. Numbers are kept (`502`, `137`), because status and exit codes are often the most
 * specific words in an alert.
 */

/** Lower-cased words in reading order, identifiers split, nothing removed. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  // Unrendered template expressions ({{ $labels.instance }}) are placeholders, not content.
  text = text.replace(/\{\{[\s\S]*?\}\}/g, ' ');
  // Camel-case boundaries first (fooBar, HTTPServer → HTTP Server), then any non-alphanumeric run.
  const spaced = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([0-9])([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  for (const raw of spaced.split(/[^A-Za-z0-9]+/)) {
    if (raw.length === 0 || raw.length > 40) continue; // >40: hashes, base64, not words
    words.push(raw.toLowerCase());
  }
  return words;
}

/** Function words that carry no topic; removing them keeps BM25 from matching on "the". */
const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have he her his how i if in into is it its ' +
    'may me might more most must my no nor not of on or our out over own same she should so some such than that the their them ' +
    'then there these they this those through to too under until up very was we were what when where which while who whom why ' +
    'will with would you your yours also any all each few other only just both about above after again against below between ' +
    'during further here once off s t via per e g eg ie etc'
  ).split(' '),
);

/**
 * A light suffix stripper (plural, -ing, -ed) so "restarts", "restarting" and "restarted"
 * meet "restart". Deliberately conservative: over-stemming merges unrelated technical words.
 */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 5) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 6) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 5) return undouble(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return dropE(word.slice(0, -1));
  return dropE(word);
}

/** "reconcile" and "reconciling" must meet: a final silent e is dropped from longer words. */
function dropE(word: string): string {
  return word.length > 4 && word.endsWith('e') && !word.endsWith('ee') ? word.slice(0, -1) : word;
}

function undouble(word: string): string {
  const last = word.at(-1);
  if (word.length > 3 && last === word.at(-2) && last !== 'l' && last !== 's' && last !== 'z') return word.slice(0, -1);
  return word;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Index terms for keyword search: split, stopwords dropped, stemmed. */
export function keywordTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(text)) {
    if (STOPWORDS.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}
