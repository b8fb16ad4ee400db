/**
 * A document's chunk BM25 terms as stored in its `kbDocumentIndex` row: the document's distinct
 * terms once, and each chunk's terms as positions in that list. Decoding hands every chunk of a
 * document the same string objects, which V8 hashes once and then finds by pointer in the BM25
 * maps; splitting one long string per chunk made ten million fresh strings at 100k chunks.
 */

export interface StoredTerms {
  /** The document's distinct terms joined by single spaces (terms are [a-z0-9] only). */
  termVocabulary: string;
  /** Every chunk's terms in reading order as positions in the vocabulary, chunk after chunk. */
  termIds: Uint16Array | Uint32Array;
  /** Per chunk, where its terms end in `termIds`. */
  termEnds: Uint32Array;
}

export function encodeTerms(perChunk: readonly (readonly string[])[]): StoredTerms {
  const positions = new Map<string, number>();
  const ids: number[] = [];
  const termEnds = new Uint32Array(perChunk.length);
  perChunk.forEach((terms, chunk) => {
    for (const term of terms) {
      let id = positions.get(term);
      if (id === undefined) positions.set(term, (id = positions.size));
      ids.push(id);
    }
    termEnds[chunk] = ids.length;
  });
  return {
    termVocabulary: [...positions.keys()].join(' '),
    termIds: positions.size <= 0x10000 ? Uint16Array.from(ids) : Uint32Array.from(ids),
    termEnds,
  };
}

/** Each chunk's terms, or null when the stored form is damaged or holds another number of chunks. */
export function decodeTerms(stored: Partial<StoredTerms>, chunkCount: number): string[][] | null {
  const { termVocabulary, termIds, termEnds } = stored;
  if (typeof termVocabulary !== 'string' || !(termIds instanceof Uint16Array || termIds instanceof Uint32Array) || !(termEnds instanceof Uint32Array)) return null;
  if (termEnds.length !== chunkCount || (chunkCount > 0 && termEnds[chunkCount - 1] !== termIds.length)) return null;
  const vocabulary = termVocabulary === '' ? [] : termVocabulary.split(' ');
  const out: string[][] = new Array<string[]>(chunkCount);
  let from = 0;
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const to = termEnds[chunk]!;
    if (to < from) return null;
    const terms = new Array<string>(to - from);
    for (let i = from; i < to; i++) {
      const term = vocabulary[termIds[i]!];
      if (term === undefined) return null;
      terms[i - from] = term;
    }
    out[chunk] = terms;
    from = to;
  }
  return out;
}

/**
 * What a document's terms depend on besides its chunks: the title and tags enter every chunk's
 * keyword text (`keywordText` in kb-index.ts). Stored beside the terms, so terms made before a
 * title or tag change (team sync can change them) are recognised and made again.
 */
export function termsSourceKey(meta: { title: string; tags: readonly string[] }): string {
  return JSON.stringify([meta.title, meta.tags]);
}
