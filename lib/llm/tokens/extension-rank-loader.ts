import type { TiktokenBPE } from 'js-tiktoken/lite';
import type { RankLoader } from './token-counter';
import type { TokenizerEncoding } from './model-catalog';

/** Where the build puts each rank table in the extension package (see `wxt.config.ts`). */
export function tokenizerAssetPath(encoding: TokenizerEncoding): string {
  return `tokenizers/${encoding}.json`;
}

/**
 * Loads a packaged rank table on first use. They are shipped as files rather than bundled so
 * that the service worker does not parse megabytes of tables at every start.
 */
export function extensionRankLoader(urlOf: (path: string) => string): RankLoader {
  return async (encoding) => {
    const response = await fetch(urlOf(`/${tokenizerAssetPath(encoding)}`));
    if (!response.ok) throw new Error(`Tokenizer ${encoding} is missing from the extension (HTTP ${response.status})`);
    return (await response.json()) as TiktokenBPE;
  };
}
