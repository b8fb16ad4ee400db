import { WILDCARD } from './mask';

/**
 * Groups masked signatures into templates. Masking already made most lines of one logging
 * statement identical; what still differs are variables that look like words (user names,
 * hosts) — and real differences between statements ("failure" vs "failures").
 *
 * The rule, after the Brain parser's insight (Yu et al., 2023): within signatures of one
 * length, the tokens of a logging statement's constant text all occur exactly as often as
 * the statement does, so each signature's "longest common pattern" is the set of its
 * tokens that share the most common frequency. Signatures with the same pattern form a
 * group; in a group, a column that differs is a variable when its values carry digits or
 * are many (more than `maxConstantValues`), and otherwise distinguishes templates.
 *
 * It works on the signature table, not on lines, so it is cheap to re-run as a stream grows.
 */
export interface SignatureInput {
  tokens: readonly string[];
  count: number;
}

export interface ConsolidatedTemplate {
  tokens: string[];
  /** Indexes into the input signatures. */
  members: number[];
}

export interface Consolidation {
  /** For each input signature, the index of its template. */
  templateOf: Int32Array;
  templates: ConsolidatedTemplate[];
}

/** One configuration for every log: up to this many word values in a column are constants. */
export const MAX_CONSTANT_VALUES = 5;

export function consolidate(signatures: readonly SignatureInput[], maxConstantValues = MAX_CONSTANT_VALUES): Consolidation {
  const templateOf = new Int32Array(signatures.length).fill(-1);
  const templates: ConsolidatedTemplate[] = [];
  const byText = new Map<string, number>();

  const addTemplate = (tokens: string[], members: number[]) => {
    const text = tokens.join(' ');
    let index = byText.get(text);
    if (index === undefined) {
      index = templates.length;
      byText.set(text, index);
      templates.push({ tokens, members: [] });
    }
    const template = templates[index]!;
    for (const m of members) {
      template.members.push(m);
      templateOf[m] = index;
    }
  };

  for (const group of groupByLength(signatures)) {
    for (const root of groupByCommonPattern(signatures, group)) {
      splitRoot(signatures, root, maxConstantValues, addTemplate);
    }
  }
  return { templateOf, templates };
}

function groupByLength(signatures: readonly SignatureInput[]): number[][] {
  const groups = new Map<number, number[]>();
  signatures.forEach((s, i) => {
    const list = groups.get(s.tokens.length);
    if (list) list.push(i);
    else groups.set(s.tokens.length, [i]);
  });
  return [...groups.values()];
}

/** Splits a same-length group by each signature's longest common pattern. */
function groupByCommonPattern(signatures: readonly SignatureInput[], group: number[]): { members: number[]; pattern: Set<number> }[] {
  const length = signatures[group[0]!]!.tokens.length;
  // Frequency of each token at each position, weighted by how many lines each signature has.
  const frequency: Map<string, number>[] = Array.from({ length }, () => new Map());
  for (const i of group) {
    const { tokens, count } = signatures[i]!;
    for (let j = 0; j < length; j++) {
      const column = frequency[j]!;
      column.set(tokens[j]!, (column.get(tokens[j]!) ?? 0) + count);
    }
  }
  const roots = new Map<string, { members: number[]; pattern: Set<number> }>();
  for (const i of group) {
    const { tokens } = signatures[i]!;
    // A bare <*> is a variable already; it must not outvote the words around it.
    const freqs = tokens.map((t, j) => (t === WILDCARD ? -1 : frequency[j]!.get(t)!));
    const histogram = new Map<number, number>();
    for (const f of freqs) if (f >= 0) histogram.set(f, (histogram.get(f) ?? 0) + 1);
    let best = 0;
    let bestCount = -1;
    for (const [f, c] of histogram) {
      if (c > bestCount || (c === bestCount && f > best)) {
        best = f;
        bestCount = c;
      }
    }
    const pattern = new Set<number>();
    const key: string[] = [];
    freqs.forEach((f, j) => {
      if (f === best) {
        pattern.add(j);
        key.push(`${j}\u0001${tokens[j]}`);
      }
    });
    const k = key.join('\u0002');
    const root = roots.get(k);
    if (root) root.members.push(i);
    else roots.set(k, { members: [i], pattern });
  }
  return [...roots.values()];
}

/** Nouns after which a word is a value (a user, a host, a file), not part of the statement. */
const NAMES_A_VALUE = new Set([
  'user', 'username', 'users', 'host', 'hostname', 'file', 'filename', 'dir', 'directory', 'path', 'node', 'device', 'account',
  'login', 'domain', 'block', 'job', 'task', 'container', 'pod', 'namespace', 'table', 'database', 'db', 'queue', 'topic',
  'bucket', 'instance', 'cluster', 'image', 'version', 'program', 'process', 'uid', 'gid', 'pid', 'id', 'name', 'key', 'address',
  'url', 'uri', 'channel', 'session', 'client', 'server', 'peer', 'interface', 'volume', 'disk', 'partition', 'module', 'package',
]);

/**
 * A column that differs between signatures of one pattern is a variable when a value was
 * masked whole, when values differ only in their numbers (`U01`/`U11`, `bglio78`/`bglio617`),
 * when a noun before it says it is a value (`user root`), or when it takes many values.
 * Otherwise its few words are what tells statements apart (`failure;`/`failures;`).
 */
function isVariableColumn(values: Set<string>, before: string | undefined, maxConstantValues: number): boolean {
  if (values.has(WILDCARD)) return true;
  const shapes = new Set<string>();
  for (const v of values) shapes.add(v.replaceAll(WILDCARD, '#').replace(/\d+/g, '#'));
  if (shapes.size === 1) return true;
  if (before !== undefined && NAMES_A_VALUE.has(before.toLowerCase())) return true;
  return values.size > maxConstantValues;
}

type ColumnKind = 'constant' | 'variable' | 'split';

function splitRoot(
  signatures: readonly SignatureInput[],
  root: { members: number[]; pattern: Set<number> },
  maxConstantValues: number,
  addTemplate: (tokens: string[], members: number[]) => void,
): void {
  const first = signatures[root.members[0]!]!.tokens;
  const kinds: ColumnKind[] = first.map((_, j) => {
    if (root.pattern.has(j)) return 'constant';
    const values = new Set<string>();
    for (const m of root.members) values.add(signatures[m]!.tokens[j]!);
    if (values.size === 1) return 'constant';
    return isVariableColumn(values, first[j - 1], maxConstantValues) ? 'variable' : 'split';
  });
  const splitColumns = kinds.flatMap((k, j) => (k === 'split' ? [j] : []));
  const parts = new Map<string, number[]>();
  for (const m of root.members) {
    const tokens = signatures[m]!.tokens;
    const key = splitColumns.map((j) => tokens[j]).join('\u0001');
    const part = parts.get(key);
    if (part) part.push(m);
    else parts.set(key, [m]);
  }
  for (const members of parts.values()) {
    const sample = signatures[members[0]!]!.tokens;
    const tokens = sample.map((t, j) => (kinds[j] === 'variable' ? WILDCARD : t));
    addTemplate(tokens, members);
  }
}
