import { consolidate, type Consolidation } from './consolidate';
import { detach } from './line-splitter';
import { WILDCARD } from './mask';

/**
 * Online template mining. Each line's masked tokens form a signature; identical signatures
 * share an id (one hash lookup per line). The signature table — not the lines — is what
 * `consolidate()` groups into templates, so it can run at any time, as often as needed.
 *
 * Memory stays bounded: past `maxSignatures`, a line whose signature is new joins the most
 * similar existing signature of the same length (Drain's rule: enough equal tokens), which
 * widens that signature with `<*>` instead of growing the table.
 */
export interface MinerOptions {
  maxSignatures?: number;
  /** Share of equal tokens needed to join a signature once the table is full. */
  similarity?: number;
}

export const DEFAULT_MAX_SIGNATURES = 50_000;

export class TemplateMiner {
  readonly signatures: { tokens: string[]; count: number }[] = [];
  private readonly index = new Map<string, number>();
  private readonly byShape = new Map<string, number[]>();
  private readonly maxSignatures: number;
  private readonly similarity: number;

  constructor(options: MinerOptions = {}) {
    this.maxSignatures = options.maxSignatures ?? DEFAULT_MAX_SIGNATURES;
    this.similarity = options.similarity ?? 0.5;
  }

  /** Records one line's tokens; returns its signature id. */
  add(tokens: string[]): number {
    const key = tokens.join(' ');
    const known = this.index.get(key);
    if (known !== undefined) {
      this.signatures[known]!.count++;
      return known;
    }
    if (this.signatures.length >= this.maxSignatures) {
      const similar = this.findSimilar(tokens);
      if (similar !== undefined) {
        this.widen(similar, tokens);
        this.signatures[similar]!.count++;
        return similar;
      }
    }
    const id = this.signatures.length;
    this.signatures.push({ tokens: tokens.map(detach), count: 1 });
    this.index.set(key, id);
    const shape = shapeKey(tokens);
    const bucket = this.byShape.get(shape);
    if (bucket) bucket.push(id);
    else this.byShape.set(shape, [id]);
    return id;
  }

  get size(): number {
    return this.signatures.length;
  }

  consolidate(): Consolidation {
    return consolidate(this.signatures);
  }

  private findSimilar(tokens: string[]): number | undefined {
    const bucket = this.byShape.get(shapeKey(tokens)) ?? [];
    let best: number | undefined;
    let bestScore = -1;
    // The newest candidates are the likeliest to match an evolving stream; 256 bounds the cost.
    for (let k = bucket.length - 1, seen = 0; k >= 0 && seen < 256; k--, seen++) {
      const id = bucket[k]!;
      const candidate = this.signatures[id]!.tokens;
      let equal = 0;
      for (let j = 0; j < tokens.length; j++) if (candidate[j] === tokens[j] || candidate[j] === WILDCARD) equal++;
      const score = tokens.length === 0 ? 1 : equal / tokens.length;
      if (score >= this.similarity && score > bestScore) {
        best = id;
        bestScore = score;
      }
    }
    return best;
  }

  private widen(id: number, tokens: string[]): void {
    const signature = this.signatures[id]!;
    if (signature.tokens.every((t, j) => t === tokens[j] || t === WILDCARD)) return;
    signature.tokens = signature.tokens.map((t, j) => (t === tokens[j] ? t : WILDCARD));
  }
}

/** Length plus first token: the first two levels of Drain's parse tree. */
function shapeKey(tokens: string[]): string {
  return `${tokens.length}\u0001${tokens[0] ?? ''}`;
}
